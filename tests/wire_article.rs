//! A wire story written for this test, with the boilerplate and the ranked
//! list that news texts carry: a dateline with its agency, a results list,
//! dates, a credit line and a photo credit. What a reader would notice: the
//! agency, the reporters and the photographer are not among the article's
//! entities, no month or weekday is, the city of the dateline is a place,
//! and every line of the list is one sentence with its runner in it.

use article_explorer::core::entities::EntityKind;
use article_explorer::core::Analysis;

const STORY: &str = "Kenyan runners sweep the Berlin Marathon\n\n\
BERLIN, Sept. 29 (Reuters) - Kenyan runners took the first three places in the Berlin Marathon on Sunday, \
with Amina Koros winning in a course record.\n\n\
Koros, who has trained in Eldoret since January, said the cool weather in September had helped her. \
She told Reuters she would race again in Boston in April.\n\n\
1. Amina Koros (Kenya) 2:15:40\n\
2. Faith Chebet (Kenya) 2:16:02\n\
3. Lydia Kiptum (Ethiopia) 2:17:31\n\n\
The German Athletics Federation said the race would return on the last Sunday of Sept. next year.\n\n\
Reporting by Hans Becker; Editing by Tom Hogue\n\n\
Photo: Anja Weber/Getty Images\n";

fn entity<'a>(a: &'a Analysis, name: &str) -> Option<&'a article_explorer::core::entities::Entity> {
    a.entities.entities.iter().find(|e| e.name == name || e.aliases.iter().any(|x| x == name))
}

fn listing(a: &Analysis) -> Vec<(String, EntityKind, usize)> {
    a.entities.entities.iter().map(|e| (e.name.clone(), e.kind, e.mentions.len())).collect()
}

#[test]
fn credited_staff_and_the_datelines_agency_are_not_entities() {
    let a = Analysis::new(STORY);
    for name in ["Hans Becker", "Tom Hogue", "Anja Weber", "Getty Images", "Anja Weber/Getty Images"] {
        assert!(entity(&a, name).is_none(), "{name} is credited staff: {:?}", listing(&a));
    }
    // "Reuters" is named once in the text ("told Reuters"); the dateline's does not count.
    let dateline_agency = STORY.find("(Reuters)").unwrap() + 1;
    assert!(
        a.entities.mentions.iter().all(|m| m.span.start != dateline_agency),
        "the dateline's agency is a mention: {:?}",
        listing(&a)
    );
}

#[test]
fn the_dateline_city_is_a_place_and_no_date_is_an_entity() {
    let a = Analysis::new(STORY);
    let berlin = entity(&a, "BERLIN").or_else(|| entity(&a, "Berlin")).expect("Berlin found");
    assert_eq!(berlin.kind, EntityKind::Place, "{:?}", listing(&a));
    for e in &a.entities.entities {
        for word in ["Sept", "Sept.", "Sunday", "January", "September", "April"] {
            assert!(e.name != word && !e.aliases.iter().any(|x| x == word), "{word} is an entity: {:?}", listing(&a));
        }
    }
}

#[test]
fn each_ranked_line_is_one_sentence_and_its_runner_a_person() {
    let a = Analysis::new(STORY);
    let sentences: Vec<&str> = a.doc.sentences.iter().map(|s| a.slice(s.span)).collect();
    for line in
        ["1. Amina Koros (Kenya) 2:15:40", "2. Faith Chebet (Kenya) 2:16:02", "3. Lydia Kiptum (Ethiopia) 2:17:31"]
    {
        assert!(sentences.contains(&line), "{line:?} not one sentence: {sentences:?}");
    }
    for name in ["Amina Koros", "Faith Chebet", "Lydia Kiptum"] {
        let e = entity(&a, name).unwrap_or_else(|| panic!("{name} not found: {:?}", listing(&a)));
        assert_eq!(e.kind, EntityKind::Person, "{name}");
    }
    assert_eq!(entity(&a, "Amina Koros").unwrap().mentions.len(), 3, "{:?}", listing(&a));
    for place in ["Kenya", "Ethiopia", "Eldoret", "Boston"] {
        assert_eq!(entity(&a, place).map(|e| e.kind), Some(EntityKind::Place), "{place}: {:?}", listing(&a));
    }
}
