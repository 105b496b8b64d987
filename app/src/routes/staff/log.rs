//! `/personal/logg`: the log follow-up for the enhetschef (their unit) and the
//! dataskyddsombud (the whole municipality): who did what with whose data,
//! when and where, searched by participant, by who did it, by period and by
//! action, with the rows that deserve a second look flagged, and a CSV file.

use crate::components::{DataTable, Icon, PostButton, SelectField, SubmitButton, TextField};
use crate::functions::log::{LogExport, LogForm, log_search};
use crate::layouts::staff_page;
use crate::models::{LogActionFilter, LogFlag, LogPage, LogQuery, LogRow};
use crate::paths;
use crate::texts::{log as text, staff_time};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// The search in the page's address: `?deltagare=&vem=&fran=&till=&handling=&avvikande=1&efter=`.
fn query_from_address() -> LogQuery {
    use_query_map().with_untracked(|q| {
        let text = |key: &str| q.get(key).unwrap_or_default().chars().take(200).collect::<String>();
        LogQuery {
            participant: text("deltagare"),
            participant_id: q.get("deltagare_id").and_then(|v| v.parse().ok()),
            staff: text("vem"),
            from: text("fran"),
            until: text("till"),
            action: text("handling"),
            unusual: q.get("avvikande").is_some_and(|v| !v.is_empty()),
            after: text("efter"),
        }
    })
}

#[component]
pub fn LogFollowUpPage() -> impl IntoView {
    let query = query_from_address();
    staff_page(move || log_search(LogForm::from(&query)), |page: LogPage| view! { <LogView page/> })
}

#[component]
fn LogView(page: LogPage) -> impl IntoView {
    let title = page.unit_name.as_deref().map_or_else(|| text::TITLE_ALL.to_owned(), text::title_unit);
    let scope = if page.unit_name.is_some() { text::INTRO_UNIT } else { text::INTRO_ALL };
    let q = page.search.clone();
    let error = |field: &str| page.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone());
    let actions: Vec<(String, String)> = std::iter::once((String::new(), text::ACTION_ALL.to_owned()))
        .chain(LogActionFilter::ALL.iter().map(|a| (a.code().to_owned(), text::action_filter_label(*a).to_owned())))
        .collect();
    let named_someone = q.participant_id.is_some() || !q.participant.trim().is_empty();
    let searched = page.errors.is_empty();
    let names: Vec<String> = page.participants.iter().map(|(_, name)| name.clone()).collect();
    let export_fields = vec![
        ("participant", q.participant.clone()),
        ("participant_id", q.participant_id.map(|id| id.to_string()).unwrap_or_default()),
        ("staff", q.staff.clone()),
        ("from", q.from.clone()),
        ("until", q.until.clone()),
        ("action", q.action.clone()),
        ("unusual", if q.unusual { "1".to_owned() } else { String::new() }),
    ];
    let next = page.next.clone().map(|after| next_page_fields(&q, after));
    view! {
        <h1><Icon name="list-checks"/>{title}</h1>
        <p>{text::INTRO}</p>
        <p>{scope}</p>
        <h2>{text::SEARCH_TITLE}</h2>
        <form method="get" action=paths::LOG class="form filter">
            {q.participant_id.map(|id| view! { <input type="hidden" name="deltagare_id" value=id.to_string()/> })}
            <TextField name="deltagare" label=text::PARTICIPANT hint=text::PARTICIPANT_HINT value=q.participant.clone()/>
            <TextField name="vem" label=text::ACTOR hint=text::ACTOR_HINT value=q.staff.clone()/>
            <TextField name="fran" label=text::FROM hint=text::DATE_HINT kind="date" value=q.from.clone()
                error=error("from")/>
            <TextField name="till" label=text::UNTIL hint=text::DATE_HINT kind="date" value=q.until.clone()
                error=error("until")/>
            <SelectField name="handling" label=text::ACTION options=actions value=q.action.clone()
                error=error("action")/>
            <label class="choice"><input type="checkbox" name="avvikande" value="1" checked=q.unusual/>
                <span>{text::UNUSUAL}</span></label>
            <SubmitButton label=text::SEARCH_BUTTON icon="list-checks"/>
        </form>
        <p><a href=paths::LOG>{text::CLEAR_SEARCH}</a></p>
        {(searched && named_someone).then(|| {
            if names.is_empty() { text::NO_PARTICIPANT.to_owned() } else { text::matched(&names) }
        }).map(|line| view! { <p>{line}</p> })}
        <h2>{text::RESULTS_TITLE}</h2>
        {(q.unusual && searched).then(|| view! { <p>{text::scanned(page.scanned)}</p> })}
        <DataTable label=text::RESULTS_TITLE columns=text::COLUMNS rows=page.rows empty=text::NO_ROWS
            row=|r: LogRow| view! { <LogLine r/> }/>
        {next.map(|fields| view! {
            <form method="get" action=paths::LOG class="form">
                {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
                    .collect_view()}
                <SubmitButton label=text::NEXT_PAGE secondary=true/>
            </form>
        })}
        {(!q.after.is_empty()).then(|| view! { <p><a href=paths::LOG>{text::FIRST_PAGE}</a></p> })}
        <h2>{text::FLAGS_TITLE}</h2>
        <dl class="word-list">
            {LogFlag::ALL.into_iter().map(|flag| view! {
                <dt>{text::flag_label(flag)}</dt><dd>{text::flag_explained(flag)}</dd>
            }).collect_view()}
        </dl>
        <h2>{text::EXPORT_TITLE}</h2>
        <p>{text::export_hint(LogPage::EXPORT_ROWS)}</p>
        <PostButton action=LogExport::url() hidden=export_fields label=text::EXPORT_BUTTON icon="file-text"
            secondary=true/>
    }
}

/// The hidden fields of "Nästa sida": the same search, after the last row shown.
fn next_page_fields(q: &LogQuery, after: String) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("deltagare", q.participant.clone()),
        ("vem", q.staff.clone()),
        ("fran", q.from.clone()),
        ("till", q.until.clone()),
        ("handling", q.action.clone()),
        ("efter", after),
    ];
    if let Some(id) = q.participant_id {
        fields.push(("deltagare_id", id.to_string()));
    }
    if q.unusual {
        fields.push(("avvikande", "1".to_owned()));
    }
    fields.retain(|(_, v)| !v.is_empty());
    fields
}

/// One row: when, who, what, whose, where, and why it is flagged.
#[component]
fn LogLine(r: LogRow) -> impl IntoView {
    // A participant's name is left out only when it is shielded from the one following up.
    let who = match (&r.actor_name, &r.actor) {
        (Some(name), _) => name.clone(),
        (None, crate::models::LogActorKind::Participant) => text::SHIELDED.to_owned(),
        (None, _) => "–".to_owned(),
    };
    let role = text::actor_kind_label(&r.actor);
    let whose = r.subject.clone().map(|(id, name)| {
        let name = name.unwrap_or_else(|| format!("{} (nr {id})", text::SHIELDED));
        view! {
            <span>{name}</span>
            <br/>
            <a href=format!("{}?deltagare_id={id}", paths::LOG)>{text::ONLY_THIS_PARTICIPANT}</a>
        }
    });
    view! {
        <td class="log-time">{staff_time(r.at)}</td>
        <td>
            <strong>{who}</strong><br/>{role}
            {r.actor_unit.clone().map(|u| view! { <br/>{u} })}
        </td>
        <td>
            {text::what(&r.action, &r.record_kind)}
            {r.detail.clone().map(|d| view! { <br/>{text::detail(&d)} })}
            {r.denied.then(|| view! { <br/><strong>{text::DENIED}</strong> })}
        </td>
        <td>{whose}</td>
        <td>
            {r.unit.clone()}
            {r.source.clone().map(|s| view! { <br/>{format!("{} {s}", text::FROM_NETWORK)} })}
        </td>
        <td>
            {(!r.flags.is_empty()).then(|| view! {
                <ul class="flags">
                    {r.flags.iter().map(|f| view! {
                        <li><Icon name="triangle-alert" size=24/><span>{text::flag_label(*f)}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </td>
    }
}
