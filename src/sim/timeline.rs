//! The timeline: every step a reader has been shown since the world began,
//! kept in memory that grows with what happened, not with the store's size
//! times the number of steps.
//!
//! A step's snapshot holds every record and every jar, so keeping every
//! step's trace costs the store's size at every step: a long session with a
//! growing store needs memory that grows with the square of its length. The
//! world, though, is deterministic: its settings, the actions applied and the
//! IDs drawn decide everything. So the timeline keeps the actions (small),
//! how many steps each had, and now and then a copy of the world before an
//! action (a checkpoint). Any step's full trace comes back by copying the
//! nearest checkpoint, replaying the actions after it untraced, and tracing
//! the one action that holds the step. The copies are spaced so that all of
//! them together stay in proportion to the session's length, and the
//! replay from one stays short. The last few traces are kept, so walking
//! through one action, or the newest, costs nothing.

use crate::sim::world::{Action, World, WorldError};
use crate::trace::{Step, Trace};
use std::collections::VecDeque;

/// Checkpoints are at least this many actions apart: a small world is cheap to replay.
const MIN_SPACING: usize = 32;
/// ... and, in a big one, a quarter of the records and cookies it holds. A
/// world that grows by `g` records an action then gets a checkpoint each time
/// it has grown by a quarter of `g` times its size: the copies add up to about
/// eight times its final size (a geometric series), and a replay from one
/// runs at most a quarter of its size in actions.
const SPACING_DIVISOR: usize = 4;
/// How many traces are kept whole: the newest and the ones the reader walks through.
const RECENT_TRACES: usize = 3;

/// A copy of the world as it was before action `before`.
#[derive(Clone, Debug)]
struct Checkpoint {
    before: usize,
    world: World,
}

/// The history of one world: the actions applied to it, checkpoints, and the
/// steps of any of them on request. Every action applied to the world must go
/// through its timeline, which starts with the world (a world that starts
/// over gets a new one).
#[derive(Clone, Debug)]
pub struct Timeline {
    checkpoints: Vec<Checkpoint>,
    actions: Vec<Action>,
    /// `ends[a]`: how many steps the timeline has after action `a`.
    ends: Vec<usize>,
    /// Recently traced actions, newest last: (action index, its trace).
    recent: VecDeque<(usize, Trace)>,
}

/// What a timeline holds, for tests of its growth and for the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retained {
    /// Actions in the log.
    pub actions: usize,
    /// Copies of the world kept.
    pub checkpoints: usize,
    /// Store records in those copies, in all.
    pub checkpoint_records: usize,
    /// Traces kept whole.
    pub traces: usize,
    /// Steps in those traces.
    pub trace_steps: usize,
}

impl Timeline {
    /// The timeline of a world that has done nothing yet (or whose past is
    /// not shown): its first checkpoint is the world as it is now.
    pub fn new(world: &World) -> Timeline {
        Timeline {
            checkpoints: vec![Checkpoint { before: 0, world: world.clone() }],
            actions: Vec::new(),
            ends: Vec::new(),
            recent: VecDeque::new(),
        }
    }

    /// The actions applied, in order (failed ones too).
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The world as it was when the timeline began (its first checkpoint).
    pub fn start(&self) -> &World {
        &self.checkpoints[0].world
    }

    /// Steps in the timeline.
    pub fn len(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// True before the first step.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Applies an action to `world`, records it, and returns its trace (which
    /// the timeline also keeps, as the newest).
    pub fn apply(&mut self, world: &mut World, action: &Action) -> Result<Trace, WorldError> {
        self.checkpoint_if_due(world);
        let result = world.apply(action);
        let steps = result.as_ref().map_or(0, |trace| trace.steps.len());
        self.record(action, steps);
        if let Ok(trace) = &result {
            self.remember(self.actions.len() - 1, trace.clone());
        }
        result
    }

    /// Applies an action to `world` without tracing it (a long shared link
    /// replays this way) and records it. Returns how many steps it had.
    pub fn apply_untraced(&mut self, world: &mut World, action: &Action) -> Result<usize, WorldError> {
        self.apply_untraced_moments(world, action).map(|sizes| sizes.iter().sum())
    }

    /// [`Timeline::apply_untraced`], returning the steps of each of the action's moments.
    pub fn apply_untraced_moments(&mut self, world: &mut World, action: &Action) -> Result<Vec<usize>, WorldError> {
        self.checkpoint_if_due(world);
        let result = world.apply_untraced_moments(action);
        self.record(action, result.as_ref().map_or(0, |sizes| sizes.iter().sum()));
        result
    }

    /// An action that failed is recorded too, with no steps: it may have
    /// changed the world before it failed, and a replay must do the same.
    fn record(&mut self, action: &Action, steps: usize) {
        let end = self.len() + steps;
        self.actions.push(action.clone());
        self.ends.push(end);
    }

    /// Keeps a copy of the world before the next action when the last one is far enough behind.
    fn checkpoint_if_due(&mut self, world: &World) {
        let last = self.checkpoints.last().map_or(0, |c| c.before);
        let spacing = MIN_SPACING.max(world.held() / SPACING_DIVISOR);
        if self.actions.len() - last >= spacing {
            self.checkpoints.push(Checkpoint { before: self.actions.len(), world: world.clone() });
        }
    }

    fn remember(&mut self, action: usize, trace: Trace) {
        self.recent.retain(|(a, _)| *a != action);
        if self.recent.len() == RECENT_TRACES {
            self.recent.pop_front();
        }
        self.recent.push_back((action, trace));
    }

    /// Step `index` (from 0) of the timeline, with the state after it, or
    /// `None` past the end. `world` is the world the timeline belongs to, as
    /// it is now: a replay takes the IDs it drew from it.
    pub fn step(&mut self, world: &World, index: usize) -> Option<&Step> {
        if index >= self.len() {
            return None;
        }
        // The action holding the step: the first whose end is past it.
        let action = self.ends.partition_point(|&end| end <= index);
        let first = if action == 0 { 0 } else { self.ends[action - 1] };
        if !self.recent.iter().any(|(a, _)| *a == action) {
            let trace = self.retrace(world, action);
            self.remember(action, trace);
        }
        let (_, trace) = self.recent.iter().find(|(a, _)| *a == action)?;
        trace.steps.get(index - first)
    }

    /// Traces action `action` again: from the nearest checkpoint before it,
    /// the actions in between untraced, then that one traced.
    fn retrace(&self, world: &World, action: usize) -> Trace {
        let at = self.checkpoints.partition_point(|c| c.before <= action) - 1;
        let checkpoint = &self.checkpoints[at];
        let mut again = checkpoint.world.clone();
        // The same IDs come out as the first time, in order, whatever the source.
        again.reproduce_ids_of(world);
        for earlier in &self.actions[checkpoint.before..action] {
            // An action that failed the first time fails the same way again.
            let _ = again.apply_untraced(earlier);
        }
        again.apply(&self.actions[action]).unwrap_or_default()
    }

    /// What the timeline holds now.
    pub fn retained(&self) -> Retained {
        Retained {
            actions: self.actions.len(),
            checkpoints: self.checkpoints.len(),
            checkpoint_records: self.checkpoints.iter().map(|c| c.world.held()).sum(),
            traces: self.recent.len(),
            trace_steps: self.recent.iter().map(|(_, t)| t.steps.len()).sum(),
        }
    }
}
