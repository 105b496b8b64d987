//! `/personal/deltagare/{id}/registerutdrag`: the register extract (GDPR art.
//! 15) as a document to print and hand over. An easy-read cover page for the
//! participant (what this is, what is in it, whom to ask), then every row that
//! Mina steg holds about them, table by table. The same extract as a JSON file
//! is one link away. Opening the page is the export, and is audited as one.

use crate::components::{BackLink, Icon};
use crate::functions::extract::load_register_extract;
use crate::layouts::staff_page;
use crate::models::{ExtractContact, ExtractDocument, ExtractItem, ExtractLayout, ExtractSection};
use crate::paths::{self, RecordPart};
use crate::routes::id_param;
use crate::texts::{date_in_words, extract as text, staff_time};
use leptos::prelude::*;

#[component]
pub fn RegisterExtractPage() -> impl IntoView {
    let id = id_param();
    staff_page(move || load_register_extract(id), |doc: ExtractDocument| view! { <Extract doc/> })
}

#[component]
fn Extract(doc: ExtractDocument) -> impl IntoView {
    let id = doc.participant_id;
    let made_on = date_in_words(doc.made_at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive());
    view! {
        // For the one who prints it; not on paper.
        <div class="extract-tools">
            <BackLink href=paths::record(id, RecordPart::Overview) label=text::BACK_TO_RECORD/>
            <p>{text::STAFF_NOTE}</p>
            <p>
                <a class="button button-secondary" href=paths::register_extract_json(id) download="">
                    <Icon name="file-text" size=24/><span>{text::DOWNLOAD_JSON}</span>
                </a>
            </p>
        </div>
        <article class="extract">
            <Cover name=doc.name.clone() contacts=doc.contacts.clone() made_on/>
            <section class="extract-part" aria-labelledby="extract-facts">
                <h2 id="extract-facts">{text::PAGE_TITLE}</h2>
                <dl class="facts" aria-label=text::FACTS_LABEL>
                    <dt>{text::FACT_ABOUT}</dt><dd>{doc.name.clone()}</dd>
                    <dt>{text::FACT_MADE_AT}</dt><dd>{staff_time(doc.made_at)}</dd>
                    <dt>{text::FACT_MADE_BY}</dt><dd>{doc.made_by.clone()}</dd>
                    <dt>{text::FACT_SYSTEM}</dt><dd>{text::SYSTEM_NAME}</dd>
                </dl>
                <h2>{text::ARTICLE_TITLE}</h2>
                <dl class="facts">
                    {text::ARTICLE.iter().map(|(term, what)| view! { <dt>{*term}</dt><dd>{*what}</dd> }).collect_view()}
                </dl>
            </section>
            {doc.sections.into_iter().map(|section| view! { <Section section/> }).collect_view()}
        </article>
    }
}

/// The first page, for the participant, in easy Swedish.
#[component]
fn Cover(name: String, contacts: Vec<ExtractContact>, made_on: String) -> impl IntoView {
    let ask = if contacts.is_empty() { text::COVER_ASK_NOBODY } else { text::COVER_ASK };
    view! {
        <section class="extract-cover" aria-labelledby="extract-cover-title">
            <h1 id="extract-cover-title"><Icon name="file-text"/>{text::COVER_TITLE}</h1>
            <p class="extract-for">{text::cover_for(&name)}</p>
            {text::COVER_INTRO.iter().map(|line| view! { <p>{*line}</p> }).collect_view()}
            <h2><Icon name="list-checks"/>{text::COVER_WHAT_TITLE}</h2>
            <ul>{text::COVER_WHAT.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
            <h2><Icon name="triangle-alert"/>{text::COVER_WRONG_TITLE}</h2>
            {text::COVER_WRONG.iter().map(|line| view! { <p>{*line}</p> }).collect_view()}
            <h2><Icon name="phone"/>{text::COVER_ASK_TITLE}</h2>
            <p>{ask}</p>
            <ul class="plain-list">
                {contacts.iter().map(|c| view! {
                    <li>{text::cover_contact(&c.name, &c.role, c.phone.as_deref())}</li>
                }).collect_view()}
            </ul>
            {text::COVER_COMPLAIN.iter().map(|line| view! { <p>{*line}</p> }).collect_view()}
            <p>{text::cover_made_on(&made_on)}</p>
        </section>
    }
}

/// One table's rows.
#[component]
fn Section(section: ExtractSection) -> impl IntoView {
    let heading_id = format!("extract-{}", section.table.replace('_', "-"));
    let title = section.title.clone();
    let withheld = (!section.withheld.is_empty())
        .then(|| view! { <p class="hint">{text::WITHHELD_LEAD}{section.withheld.join(", ")}</p> });
    let body = if section.layout.is_empty() {
        view! { <p>{text::EMPTY_SECTION}</p> }.into_any()
    } else {
        match section.layout {
            ExtractLayout::Items(items) => {
                items.into_iter().map(|item| view! { <Item item/> }).collect_view().into_any()
            }
            ExtractLayout::Table { columns, rows } => view! {
                <p class="hint">{text::LOG_TECHNICAL_NOTE}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label=title.clone()>
                    <table>
                        <thead>
                            <tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {rows.into_iter().map(|cells| view! {
                                <tr>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <section class="extract-part" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <p>{section.about}</p>
            {withheld}
            {body}
        </section>
    }
}

#[component]
fn Item(item: ExtractItem) -> impl IntoView {
    view! {
        <div class="extract-item">
            <h3>{item.heading}</h3>
            <dl class="facts">
                {item.fields.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
        </div>
    }
}
