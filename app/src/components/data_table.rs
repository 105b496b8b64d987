use leptos::prelude::*;

/// A table of rows in a scrollable region a keyboard can reach and a screen
/// reader names (`label`), so wide tables work on a tablet. `row` makes one
/// row's cells (`<td>`, or a `<th scope="row">` first).
#[component]
pub fn DataTable<T, R, V>(
    /// Names the region for screen readers; usually the heading above the table.
    label: &'static str,
    /// The column headers, left to right.
    columns: &'static [&'static str],
    rows: Vec<T>,
    row: R,
    /// Shown instead of the table when there are no rows; without it, an empty table.
    #[prop(optional)]
    empty: Option<&'static str>,
    /// The rows end with an action cell (buttons): adds its header, "Åtgärd".
    #[prop(optional)]
    actions: bool,
) -> impl IntoView
where
    T: 'static,
    R: Fn(T) -> V + 'static,
    V: IntoView + 'static,
{
    if let (true, Some(text)) = (rows.is_empty(), empty) {
        return view! { <p>{text}</p> }.into_any();
    }
    let headers = columns.iter().copied().chain(actions.then_some(crate::texts::staff::ACTION_COLUMN));
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <thead>
                    <tr>{headers.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! { <tr>{row(r)}</tr> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
