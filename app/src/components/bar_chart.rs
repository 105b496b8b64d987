//! A bar chart of one follow-up table, drawn on the server as SVG: no script,
//! prints as it shows, and its text alternative is the table's numbers.

use crate::models::FigureTable;
use crate::texts::follow_up as text;
use leptos::prelude::*;

/// Each dark enough against white for a graphic (WCAG 1.4.11, 3:1 and more);
/// the parts of a bar are also parted by a white line, so no colour has to be
/// told from its neighbour.
const COLOURS: [&str; 5] = ["#1d4ed8", "#b45309", "#047857", "#7e22ce", "#be123c"];
const WIDTH: u32 = 360;
/// Room after the longest bar for its number.
const NUMBER_ROOM: u32 = 48;
const LINE: u32 = 20;

/// A bar per row: in a table whose rows end with their total, the row's parts
/// stacked in one bar; otherwise a bar per column. The total row is left out
/// (it would only dwarf the others).
#[component]
pub fn BarChart(table: FigureTable) -> impl IntoView {
    let series: Vec<&'static str> =
        if table.row_totals { table.columns[..table.columns.len() - 1].to_vec() } else { table.columns.clone() };
    let rows = table.parts().to_vec();
    let biggest = rows
        .iter()
        .map(
            |(_, c)| {
                if table.row_totals { c.last().copied().unwrap_or(0) } else { c.iter().copied().max().unwrap_or(0) }
            },
        )
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = f64::from(WIDTH - NUMBER_ROOM) / f64::from(biggest);
    let length = |n: u32| (f64::from(n) * scale).round();
    let title_id = format!("diagram-{}", table.id);
    let desc_id = format!("diagram-{}-siffror", table.id);
    let desc: Vec<String> = rows.iter().map(|(label, counts)| text::chart_row(label, &table.columns, counts)).collect();

    let mut y = 0;
    let legend: Vec<_> = series
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let top = y;
            y += LINE;
            view! {
                <rect x="0" y=top + 4 width="14" height="14" fill=COLOURS[i % COLOURS.len()]/>
                <text x="20" y=top + 16>{*name}</text>
            }
        })
        .collect();
    y += 8;
    let bars: Vec<_> = rows
        .iter()
        .map(|(label, counts)| {
            let label_y = y + 16;
            y += LINE + 2;
            let shapes = if table.row_totals {
                let total = counts.last().copied().unwrap_or(0);
                let mut x = 0.0;
                let top = y;
                y += 26;
                let parts = counts[..counts.len() - 1]
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(i, n)| {
                        let left = x;
                        x += length(*n);
                        view! {
                            <rect x=left y=top width=length(*n) height="20" fill=COLOURS[i % COLOURS.len()]
                                stroke="#ffffff" stroke-width="1.5"/>
                        }
                    })
                    .collect_view();
                view! { {parts}<text x=x + 6.0 y=top + 15>{total}</text> }.into_any()
            } else {
                counts
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        let top = y;
                        y += 20;
                        view! {
                            <rect x="0" y=top width=length(*n) height="16" fill=COLOURS[i % COLOURS.len()]/>
                            <text x=length(*n) + 6.0 y=top + 13>{*n}</text>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            y += 8;
            view! { <text x="0" y=label_y class="bar-label">{label.clone()}</text>{shapes} }
        })
        .collect();
    let height = y.max(LINE);
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());
    view! {
        <figure class="bar-chart">
            <svg role="img" viewBox=format!("0 0 {WIDTH} {height}") width=WIDTH height=height
                aria-labelledby=labelled_by aria-describedby=described_by font-size="14">
                <title id=title_id>{format!("{}: {}", text::CHART, table.title)}</title>
                <desc id=desc_id>{desc.join(" ")}</desc>
                {legend}
                {bars}
            </svg>
        </figure>
    }
}
