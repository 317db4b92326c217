//! The checks that need the whole flow: reachability, loops, facts a text cites, and the longest path.
//!
//! They run on a plain picture of the steps ([`Node`]), drawn while the file is read, so a step whose text is
//! wrong still takes part: its way on is known even when its content is not.

use super::problem::FlowProblemCode;
use std::collections::BTreeSet;

/// A step as the graph sees it.
#[derive(Clone, Debug, Default)]
pub(super) struct Node {
    /// The step's id, when it has a readable one.
    pub id: Option<String>,
    /// `step[i]`.
    pub field: String,
    /// Where it can lead.
    pub edges: Vec<Edge>,
    /// The facts its texts cite.
    pub cites: Vec<Cite>,
    /// Whether its ways on or its conditions did not read, so the graph is not the one the author meant.
    pub unread: bool,
}

/// One way on from a step.
#[derive(Clone, Debug)]
pub(super) struct Edge {
    /// The key that names the target, e.g. `step[2].choice[1].next`.
    pub field: String,
    /// The target step's position.
    pub to: usize,
    /// Facts certain to have a value when this way is taken: those a branch's conditions need.
    pub guarantees: Vec<String>,
}

/// A fact a text cites.
#[derive(Clone, Debug)]
pub(super) struct Cite {
    /// The text, e.g. `step[2].text`.
    pub field: String,
    /// The fact's dotted path.
    pub fact: String,
}

/// A problem the graph found: the node it is in, the field, the code.
pub(super) type GraphProblem = (usize, String, FlowProblemCode);

/// Every graph problem: loops, and when every way on reads (else the answers would be guesses), unreachable
/// steps and, without loops, texts citing facts that some way to their step does not guarantee.
pub(super) fn check(nodes: &[Node]) -> Vec<GraphProblem> {
    let mut problems = find_cycles(nodes);
    if nodes.iter().any(|node| node.unread) {
        return problems;
    }
    let reachable = reachable_from_start(nodes);
    for (index, node) in nodes.iter().enumerate() {
        // A step without an id, or with an earlier step's, cannot be led to: its id is the problem to fix.
        let named =
            node.id.is_some() && nodes.iter().position(|other| other.id == node.id) == Some(index);
        if !reachable[index] && named {
            problems.push((index, node.field.clone(), FlowProblemCode::Unreachable));
        }
    }
    if problems
        .iter()
        .all(|(_, _, problem)| !matches!(problem, FlowProblemCode::Cycle { .. }))
    {
        problems.extend(unguarded_facts(nodes, &reachable));
    }
    problems
}

fn reachable_from_start(nodes: &[Node]) -> Vec<bool> {
    let mut reachable = vec![false; nodes.len()];
    let mut stack = Vec::new();
    if !nodes.is_empty() {
        reachable[0] = true;
        stack.push(0);
    }
    while let Some(index) = stack.pop() {
        for edge in &nodes[index].edges {
            if let Some(seen) = reachable.get_mut(edge.to)
                && !*seen
            {
                *seen = true;
                stack.push(edge.to);
            }
        }
    }
    reachable
}

/// One problem per edge that leads back to a step on the current way (a depth-first search from every step),
/// naming the loop.
fn find_cycles(nodes: &[Node]) -> Vec<GraphProblem> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut marks = vec![Mark::New; nodes.len()];
    let mut problems = Vec::new();
    for root in 0..nodes.len() {
        if marks[root] != Mark::New {
            continue;
        }
        // The way being explored: each step with the position of its next edge to follow.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        marks[root] = Mark::OnPath;
        while let Some(&(index, next_edge)) = path.last() {
            let Some(edge) = nodes[index].edges.get(next_edge) else {
                marks[index] = Mark::Done;
                path.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            match marks.get(edge.to) {
                Some(Mark::New) => {
                    marks[edge.to] = Mark::OnPath;
                    path.push((edge.to, 0));
                }
                Some(Mark::OnPath) => {
                    let start = path.iter().position(|&(on, _)| on == edge.to).unwrap_or(0);
                    let steps = path[start..]
                        .iter()
                        .map(|&(on, _)| nodes[on].id.clone().unwrap_or_default())
                        .collect();
                    problems.push((index, edge.field.clone(), FlowProblemCode::Cycle { steps }));
                }
                Some(Mark::Done) | None => {}
            }
        }
    }
    problems
}

/// Texts citing a fact that not every way from the start to their step guarantees. Needs a graph without loops.
fn unguarded_facts(nodes: &[Node], reachable: &[bool]) -> Vec<GraphProblem> {
    // Facts certain at each reachable step: what every way in guarantees, met in an order where each step
    // comes after every step leading to it.
    let mut certain: Vec<Option<BTreeSet<&str>>> = vec![None; nodes.len()];
    if let Some(first) = certain.first_mut() {
        *first = Some(BTreeSet::new());
    }
    for index in topological_order(nodes, reachable) {
        let Some(here) = certain[index].clone() else {
            continue;
        };
        for edge in &nodes[index].edges {
            let mut along = here.clone();
            along.extend(edge.guarantees.iter().map(String::as_str));
            if let Some(there) = certain.get_mut(edge.to) {
                *there = Some(match there.take() {
                    None => along,
                    Some(before) => before.intersection(&along).copied().collect(),
                });
            }
        }
    }
    let mut problems = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        let Some(certain) = &certain[index] else {
            continue;
        };
        for cite in node
            .cites
            .iter()
            .filter(|cite| !certain.contains(cite.fact.as_str()))
        {
            problems.push((
                index,
                cite.field.clone(),
                FlowProblemCode::UnguardedFact {
                    fact: cite.fact.clone(),
                },
            ));
        }
    }
    problems
}

/// The reachable steps, each after every step that leads to it (Kahn's algorithm).
fn topological_order(nodes: &[Node], reachable: &[bool]) -> Vec<usize> {
    let mut incoming = vec![0usize; nodes.len()];
    let reachable_nodes = nodes
        .iter()
        .enumerate()
        .filter(|(index, _)| reachable[*index]);
    for (_, node) in reachable_nodes {
        for edge in &node.edges {
            if let Some(count) = incoming.get_mut(edge.to) {
                *count += 1;
            }
        }
    }
    let mut ready: Vec<usize> = (0..nodes.len())
        .filter(|&index| reachable[index] && incoming[index] == 0)
        .collect();
    let mut order = Vec::with_capacity(nodes.len());
    while let Some(index) = ready.pop() {
        order.push(index);
        for edge in &nodes[index].edges {
            if let Some(count) = incoming.get_mut(edge.to) {
                *count -= 1;
                if *count == 0 {
                    ready.push(edge.to);
                }
            }
        }
    }
    order
}

/// The most visible steps on any way from `start` to an end, counting `start` if it is visible.
///
/// `successors` must describe a graph without loops (every checked flow's is); a loop, were there one, would
/// count as a dead end rather than run forever.
pub(super) fn longest_from(
    start: usize,
    len: usize,
    visible: impl Fn(usize) -> bool,
    successors: impl Fn(usize) -> Vec<usize>,
) -> usize {
    fn longest(
        at: usize,
        memo: &mut [Option<usize>],
        on_way: &mut [bool],
        visible: &dyn Fn(usize) -> bool,
        successors: &dyn Fn(usize) -> Vec<usize>,
    ) -> usize {
        if let Some(Some(known)) = memo.get(at) {
            return *known;
        }
        if on_way.get(at).copied().unwrap_or(true) {
            return 0;
        }
        on_way[at] = true;
        let after = successors(at)
            .into_iter()
            .map(|next| longest(next, memo, on_way, visible, successors))
            .max()
            .unwrap_or(0);
        on_way[at] = false;
        let total = after + usize::from(visible(at));
        memo[at] = Some(total);
        total
    }
    let mut memo = vec![None; len];
    let mut on_way = vec![false; len];
    longest(start, &mut memo, &mut on_way, &visible, &successors)
}
