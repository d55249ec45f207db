// A long, real-looking article for the large-input test and the scale
// benchmark: a title, a lede, then `## Part N` sections of ~5 KB of
// sentences naming people, roles, places and organisations. Deterministic
// for a given seed.

export const TITLE = 'The long winter of the northern harbours';

/**
 * @param {object} o
 * @param {number} o.sections how many `## Part N` sections after the lede
 * @param {number} o.seed the generator's seed
 * @param {string} o.lastWord a word that occurs only in the last section
 * @param {(n: number, pick: (xs: string[]) => string) => string} [o.extra] text to open section n with
 * @returns {{ text: string, paragraphs: number }}
 */
export function longArticle({ sections, seed, lastWord, extra = () => '' }) {
  let state = seed;
  const rand = (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const pick = (xs) => xs[rand(xs.length)];
  const people = ['Anna Lund', 'Erik Berg', 'Maria Pérez', 'Khalid Rahman', 'Sofia Novak', 'Tomas Eriksen', 'Ingrid Dahl',
    'Jonas Holm', 'Amara Okafor', 'Lena Fischer', 'Pedro Alves', 'Hana Sato'];
  const roles = ['Mayor', 'Minister', 'Captain', 'Professor', 'Director', 'Senator'];
  const places = ['Bergen', 'Oslo', 'Tromsø', 'Stavanger', 'Reykjavik', 'Aberdeen', 'Hamburg', 'Lisbon', 'Gdansk'];
  const orgs = ['the Norwegian Coastal Administration', 'the European Commission', 'the Port Authority',
    'the Fishermen’s Union', 'the Red Cross', 'the Arctic Council'];
  const verbs = ['said', 'told reporters', 'warned', 'confirmed', 'argued', 'announced'];
  const things = ['the harbour would reopen on Monday', 'the ice had closed the northern route',
    'ferries were running two hours late', 'the new breakwater had held through the storm',
    'fuel prices had doubled since the autumn', 'more crews would be hired before spring',
    'the fish market would move to the old customs house', 'talks would continue next week'];
  const sentence = () => {
    switch (rand(4)) {
      case 0: return `${pick(roles)} ${pick(people)} ${pick(verbs)} that ${pick(things)}.`;
      case 1: return `In ${pick(places)}, ${pick(people)} ${pick(verbs)} that ${pick(things)}.`;
      case 2: return `${pick(people)} of ${pick(orgs)} ${pick(verbs)} in ${pick(places)} that ${pick(things)}.`;
      default: return `Officials from ${pick(orgs)} met ${pick(people)} in ${pick(places)}, where ${pick(things)}.`;
    }
  };
  const paragraph = () => Array.from({ length: 6 + rand(3) }, sentence).join(' ');
  const parts = [`${TITLE}\n\n${paragraph()}\n`];
  let count = 1;
  for (let n = 1; n <= sections; n++) {
    let body = `## Part ${n}\n\n`;
    const opening = extra(n, pick);
    if (opening) {
      body += `${opening}\n\n`;
      count++;
    }
    while (body.length < 4800) {
      body += paragraph() + '\n\n';
      count++;
    }
    if (n === sections) {
      body += `Only the last part mentions the ${lastWord} found near ${pick(places)}.\n`;
      count++;
    }
    parts.push(body);
  }
  return { text: parts.join('\n'), paragraphs: count };
}
