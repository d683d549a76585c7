//! The heading tree as the outline view needs it: parents, children and figure counts,
//! computed in one pass each (reports can have thousands of headings and figures).

use fazhi_lens::{Figure, Section};

/// Parent links and child lists of `Report::sections`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree {
    /// `parent[i]`: the nearest earlier section of a lower level, if any.
    pub parent: Vec<Option<usize>>,
    /// `children[i]`: the sections whose parent is `i`, in document order.
    pub children: Vec<Vec<usize>>,
    /// Sections without a parent, in document order.
    pub roots: Vec<usize>,
    /// `figures[i]`: figures inside section `i` or any of its descendants.
    pub figures: Vec<usize>,
}

impl Tree {
    /// Builds the tree from sections in document order and the figures' innermost sections.
    pub fn new(sections: &[Section], figures: &[Figure]) -> Tree {
        let n = sections.len();
        let mut parent = vec![None; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, s) in sections.iter().enumerate() {
            while stack.last().is_some_and(|&top| sections[top].level >= s.level) {
                stack.pop();
            }
            parent[i] = stack.last().copied();
            stack.push(i);
        }
        let mut children = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in parent.iter().enumerate() {
            match p {
                Some(p) => children[*p].push(i),
                None => roots.push(i),
            }
        }
        let mut counts = vec![0usize; n];
        for f in figures {
            if let Some(c) = f.section.and_then(|s| counts.get_mut(s)) {
                *c += 1;
            }
        }
        // A parent precedes its children, so a backward sweep adds every subtree exactly once.
        for i in (0..n).rev() {
            if let Some(p) = parent[i] {
                counts[p] += counts[i];
            }
        }
        Tree { parent, children, roots, figures: counts }
    }

    /// The sections shown when those in `collapsed` hide their children, in display order.
    pub fn visible(&self, collapsed: &std::collections::HashSet<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo: Vec<usize> = self.roots.iter().rev().copied().collect();
        while let Some(i) = todo.pop() {
            out.push(i);
            if !collapsed.contains(&i) {
                todo.extend(self.children[i].iter().rev());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn sec(level: u8) -> Section {
        Section { level, marker: String::new(), title: String::new(), kind: None, start: 0, end: 0 }
    }

    fn fig(section: Option<usize>) -> Figure {
        Figure {
            surface: String::new(),
            value: 1.0,
            unit: String::new(),
            indicator: String::new(),
            approx: false,
            start: 0,
            end: 0,
            section,
        }
    }

    #[test]
    fn builds_parents_and_subtree_counts() {
        let sections = [sec(1), sec(2), sec(3), sec(2), sec(1)];
        let figures = [fig(Some(2)), fig(Some(2)), fig(Some(3)), fig(Some(4)), fig(None), fig(Some(99))];
        let t = Tree::new(&sections, &figures);
        assert_eq!(t.parent, vec![None, Some(0), Some(1), Some(0), None]);
        assert_eq!(t.roots, vec![0, 4]);
        assert_eq!(t.children[0], vec![1, 3]);
        assert_eq!(t.figures, vec![3, 2, 2, 1, 1]);
        assert_eq!(t.visible(&HashSet::new()), vec![0, 1, 2, 3, 4]);
        assert_eq!(t.visible(&HashSet::from([1])), vec![0, 1, 3, 4]);
        assert_eq!(t.visible(&HashSet::from([0])), vec![0, 4]);
    }

    #[test]
    fn odd_levels_do_not_break_it() {
        let sections = [sec(3), sec(1), sec(0), sec(2)];
        let t = Tree::new(&sections, &[]);
        assert_eq!(t.visible(&HashSet::new()).len(), 4);
    }
}
