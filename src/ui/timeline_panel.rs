//! The timeline: incidents per month stacked by kind (following the kind and actor filters),
//! with the date range marked; dragging across it sets the range. Beside it, a yearly series.

use crate::map::style;
use crate::model::timeline::{KindCounts, date_at, monthly_counts_of, year_fraction};
use crate::model::within::{Within, ZoneIndex};
use crate::model::{Atlas, Date, IncidentFilter, IncidentKind};
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Plot, PlotPoints, Polygon};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// What the monthly counts depend on: the kinds and actors filtered, which synthetic
/// incidents (by count and seed) are counted with the real ones, the *where* criterion
/// with the lens it is answered under while it is active, and the incidents of the layers
/// switched off (not counted).
type CountsKey = (
    BTreeSet<IncidentKind>,
    BTreeSet<crate::model::Country>,
    Option<(usize, u64)>,
    Option<(Within, String)>,
    Vec<Range<usize>>,
);

/// Monthly counts and what they were computed from.
type CountsCache = (CountsKey, BTreeMap<(i32, u32), KindCounts>);

/// Plot state kept between frames (the drag in progress, a cache of the monthly counts).
pub struct TimelineState {
    drag_from_x: Option<f64>,
    drag_to_x: Option<f64>,
    /// Counts with the key they were computed from: recomputed only when the key changes.
    cache: Option<CountsCache>,
    pub series_choice: usize,
    /// Playing: the date window moves forward by itself.
    pub playing: bool,
    /// Playback speed, in months per second.
    pub months_per_s: f32,
    /// Window length when playback starts with no range set, in months.
    pub window_months: u32,
    /// Start of the playing window on the fractional-year axis (kept as f64 so slow speeds move).
    play_from_x: Option<f64>,
    /// Length of the playing window on that axis, fixed when playback starts.
    play_window: Option<f64>,
    /// Where the monthly plot was drawn (screen), for tests and tools.
    pub plot_rect: Option<egui::Rect>,
}

impl Default for TimelineState {
    fn default() -> Self {
        Self {
            drag_from_x: None,
            drag_to_x: None,
            cache: None,
            series_choice: 0,
            plot_rect: None,
            playing: false,
            months_per_s: 3.0,
            window_months: 12,
            play_from_x: None,
            play_window: None,
        }
    }
}

/// Height of the plots, in points (fixed, so the panel does not grow with its content).
const PLOT_HEIGHT: f32 = 120.0;

/// First year the monthly plot shows; older landmark incidents are counted but start off-plot.
const FIRST_YEAR: f64 = 2009.0;

impl TimelineState {
    /// Forgets the monthly counts (the incidents changed).
    pub fn invalidate(&mut self) {
        self.cache = None;
    }

    /// How many incidents the monthly plot counts (once drawn).
    pub fn counted(&self) -> Option<usize> {
        let (_, counts) = self.cache.as_ref()?;
        Some(counts.values().flat_map(|c| c.iter()).sum())
    }
}

/// Draws the panel. Returns a new date range when the user finished a drag.
pub fn timeline_ui(
    ui: &mut Ui,
    atlas: &Atlas,
    synthetic: Option<&crate::map::synthetic::SyntheticLayer>,
    filter: &IncidentFilter,
    zones: Option<&ZoneIndex>,
    hidden: &[Range<usize>],
    state: &mut TimelineState,
) -> Option<(Date, Date)> {
    let synthetic_id = synthetic.map(|s| (s.len(), s.data.seed));
    let within = filter.within.zip(zones.map(|z| z.lens.clone()));
    let stale = state.cache.as_ref().is_none_or(|((k, a, s, w, h), _)| {
        *k != filter.kinds
            || *a != filter.actors
            || *s != synthetic_id
            || *w != within
            || h != hidden
    });
    if stale {
        let shown = atlas
            .incidents
            .iter()
            .enumerate()
            .filter(|(i, _)| !hidden.iter().any(|r| r.contains(i)))
            .map(|(_, x)| x);
        let mut counts = monthly_counts_of(shown, filter, zones);
        if let Some(s) = synthetic {
            let f = crate::model::synthetic::CompiledFilter::new(filter);
            for (month, c) in s.data.monthly_counts(f) {
                let e = counts.entry(month).or_default();
                for (t, x) in e.iter_mut().zip(c) {
                    *t += x;
                }
            }
        }
        let key = (
            filter.kinds.clone(),
            filter.actors.clone(),
            synthetic_id,
            within,
            hidden.to_vec(),
        );
        state.cache = Some((key, counts));
    }
    // Taken out while drawing so the plot can update the rest of the state; put back below.
    let cache = state.cache.take();
    let empty = BTreeMap::new();
    let counts = cache.as_ref().map_or(&empty, |(_, c)| c);
    let end_x = plot_end_x(atlas.as_of);
    let mut result = None;
    let total_width = ui.available_width();
    let series_width = 260.0_f32.min(total_width * 0.3);
    // Room for the gap between the columns and their item spacing.
    let plot_width = (total_width - series_width - 40.0).max(200.0);
    let column = |w: f32| {
        (
            egui::Vec2::new(w, PLOT_HEIGHT + 34.0),
            egui::Layout::top_down(egui::Align::Min),
        )
    };
    ui.horizontal_top(|ui| {
        let (size, layout) = column(plot_width);
        ui.allocate_ui_with_layout(size, layout, |ui| {
            ui.set_max_width(plot_width);
            playback_row_ui(ui, synthetic.is_some(), state);
            result = monthly_plot_ui(ui, counts, filter, state, end_x, plot_width);
        });
        ui.add_space(12.0);
        let (size, layout) = column(series_width);
        ui.allocate_ui_with_layout(size, layout, |ui| {
            ui.set_max_width(series_width);
            series_ui(ui, atlas, state);
        });
    });
    state.cache = cache;
    result
}

/// The plot's title with ▶ Play / Pause and the speed.
fn playback_row_ui(ui: &mut Ui, with_synthetic: bool, state: &mut TimelineState) {
    ui.horizontal(|ui| {
        ui.strong(if with_synthetic {
            "Per month (incl. SYNTHETIC)"
        } else {
            "Incidents per month"
        });
        let label = if state.playing { "Pause" } else { "▶ Play" };
        if ui
            .button(label)
            .on_hover_text("move the date range forward through time")
            .clicked()
        {
            state.playing = !state.playing;
            state.play_from_x = None;
            state.play_window = None;
        }
        ui.spacing_mut().slider_width = 80.0;
        ui.add(
            egui::Slider::new(&mut state.months_per_s, 0.5..=24.0)
                .logarithmic(true)
                .text("months/s"),
        );
    });
}

/// The right end of the monthly plot: a little past the data's last date.
fn plot_end_x(as_of: Option<Date>) -> f64 {
    as_of.map_or(2027.0, |d| year_fraction(d) + 0.1)
}

/// Advances the playing window by this frame's time; stops at the data's end (`as_of`).
/// Called before any panel is laid out, like other input, so every panel draws the new
/// window in this frame without a second layout pass.
pub fn play_step(
    ctx: &egui::Context,
    filter: &IncidentFilter,
    state: &mut TimelineState,
    as_of: Option<Date>,
) -> Option<(Date, Date)> {
    // A repeated layout pass of the same frame must not move the window again.
    if !state.playing || ctx.current_pass_index() > 0 {
        return None;
    }
    let end_x = plot_end_x(as_of);
    // The window's length is fixed when playback starts, so rounding to days cannot drift it.
    let window = *state
        .play_window
        .get_or_insert_with(|| match (filter.from, filter.to) {
            (Some(a), Some(b)) if b > a => year_fraction(b) - year_fraction(a),
            _ => f64::from(state.window_months.max(1)) / 12.0,
        });
    let start = *state
        .play_from_x
        .get_or_insert_with(|| filter.from.map_or(FIRST_YEAR, year_fraction));
    let dt = f64::from(ctx.input(|i| i.stable_dt).min(0.1));
    let next = start + dt * f64::from(state.months_per_s) / 12.0;
    if next + window >= end_x {
        state.playing = false;
        state.play_from_x = None;
        state.play_window = None;
        return None;
    }
    state.play_from_x = Some(next);
    ctx.request_repaint();
    date_at(next).zip(date_at(next + window))
}

/// One bar chart per kind, stacked, and the tallest month's total.
fn stacked_charts(counts: &BTreeMap<(i32, u32), KindCounts>) -> (Vec<BarChart>, f64) {
    let months: Vec<(f64, &KindCounts)> = counts
        .iter()
        .map(|((y, m), c)| (f64::from(*y) + (f64::from(*m) - 0.5) / 12.0, c))
        .collect();
    let mut charts: Vec<BarChart> = Vec::new();
    for (k, kind) in IncidentKind::ALL.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let bars: Vec<Bar> = months
            .iter()
            .map(|(x, c)| Bar::new(*x, c[k] as f64).width(1.0 / 12.0))
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(kind.label(), bars)
            .color(style::incident_color(*kind))
            .stack_on(&refs);
        charts.push(chart);
    }
    #[allow(clippy::cast_precision_loss)]
    let y_max = months
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    (charts, y_max)
}

fn monthly_plot_ui(
    ui: &mut Ui,
    counts: &BTreeMap<(i32, u32), KindCounts>,
    filter: &IncidentFilter,
    state: &mut TimelineState,
    end_x: f64,
    width: f32,
) -> Option<(Date, Date)> {
    let (charts, y_max) = stacked_charts(counts);
    let mut out = None;
    let resp = Plot::new("timeline")
        .height(PLOT_HEIGHT)
        .width(width)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .y_axis_min_width(18.0)
        .x_axis_formatter(year_label)
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds_x(FIRST_YEAR..=end_x);
            plot_ui.set_plot_bounds_y(0.0..=y_max * 1.1);
            for c in charts {
                plot_ui.bar_chart(c);
            }
            let pointer_x = plot_ui.pointer_coordinate().map(|p| p.x);
            let r = plot_ui.response().clone();
            if r.drag_started() {
                state.drag_from_x = pointer_x;
            }
            if r.dragged() {
                state.drag_to_x = pointer_x.or(state.drag_to_x);
            }
            let live = state.drag_from_x.zip(state.drag_to_x);
            let range = live.or_else(|| {
                let from = filter.from.map_or(FIRST_YEAR, year_fraction);
                let to = filter.to.map_or(end_x, |d| year_fraction(d) + 1.0 / 365.0);
                (filter.from.is_some() || filter.to.is_some()).then_some((from, to))
            });
            if let Some((a, b)) = range {
                let (a, b) = (a.min(b), a.max(b));
                let top = y_max * 1.1;
                plot_ui.polygon(
                    Polygon::new(
                        "date range",
                        PlotPoints::from(vec![[a, 0.0], [b, 0.0], [b, top], [a, top]]),
                    )
                    .fill_color(Color32::from_rgba_unmultiplied(0x20, 0x60, 0xc0, 40))
                    .stroke(egui::Stroke::new(1.0, Color32::from_rgb(0x20, 0x60, 0xc0))),
                );
            }
            if r.drag_stopped() {
                if let (Some(a), Some(b)) = (state.drag_from_x, state.drag_to_x) {
                    let (a, b) = (a.min(b), a.max(b));
                    out = date_at(a).zip(date_at(b));
                }
                state.drag_from_x = None;
                state.drag_to_x = None;
            }
        });
    let resp_rect = resp
        .response
        .on_hover_text("drag across the plot to set the date range")
        .rect;
    state.plot_rect = Some(resp_rect);
    out
}

fn series_ui(ui: &mut Ui, atlas: &Atlas, state: &mut TimelineState) {
    if atlas.series.is_empty() {
        ui.weak("No yearly series in the data.");
        return;
    }
    state.series_choice = state.series_choice.min(atlas.series.len() - 1);
    let current = &atlas.series[state.series_choice];
    // One line, cut to the column: a wrapped name would push the chart down.
    egui::ComboBox::from_id_salt("series")
        .selected_text(current.name.as_str())
        .truncate()
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for (i, s) in atlas.series.iter().enumerate() {
                ui.selectable_value(&mut state.series_choice, i, &s.name);
            }
        })
        .response
        .on_hover_text(current.name.as_str());
    let s = &atlas.series[state.series_choice];
    let bars: Vec<Bar> = s
        .points
        .iter()
        .filter_map(|p| {
            p.period
                .get(..4)?
                .parse::<f64>()
                .ok()
                .map(|y| Bar::new(y, p.value).width(0.8).name(&p.period))
        })
        .collect();
    Plot::new(("series", state.series_choice))
        .height(PLOT_HEIGHT - 30.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .x_axis_formatter(year_label)
        .show(ui, |plot_ui| {
            plot_ui
                .bar_chart(BarChart::new(&s.name, bars).color(Color32::from_rgb(0x4a, 0x6f, 0x8a)))
        });
    ui.weak(format!(
        "unit: {} — source: {}",
        s.unit,
        s.sources.first().map_or("", |x| x.publisher.as_str())
    ));
}

/// Labels whole years only (grid marks also fall between years).
fn year_label(mark: egui_plot::GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    if (mark.value - mark.value.round()).abs() < 1e-6 {
        format!("{:.0}", mark.value)
    } else {
        String::new()
    }
}
