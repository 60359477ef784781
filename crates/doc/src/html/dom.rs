//! A flat DOM for html5ever: nodes in one vector, linked by index, so
//! that neither building, walking nor dropping a tree recurses (a page
//! nested 100,000 deep is a vector of 100,000 nodes like any other); and
//! a driver that keeps html5ever's tree builder shallow.
//!
//! The tree builder checks "has an element in scope" by walking its
//! stack of open elements, once or more per tag: on a page nested
//! `depth` deep every tag costs O(depth), and 100,000 nested `<div>`s
//! take html5ever 99 s. Browsers bound the depth of the tree they build
//! (Blink at 512 levels); here, while the builder holds more than
//! [`MAX_OPEN`] open or active formatting elements, start tags are
//! dropped (their text is kept, in the element already open), so every
//! tag costs at most O(`MAX_OPEN`).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElemName, ElementFlags, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{local_name, ns, Attribute, LocalName, Namespace, QualName, TokenizerResult};

/// Most elements the tree builder may hold (open, and in its list of
/// active formatting elements) before start tags are dropped: far above
/// what real pages nest (a few dozen levels), where Blink flattens the
/// tree too, and a bound on the cost of each tag.
pub(crate) const MAX_OPEN: usize = 512;

/// Tokens between two counts of the tree builder's elements (a count
/// walks them all).
const COUNT_EVERY: u32 = 64;

/// A node's index in [`Dom::nodes`].
pub(crate) type Id = usize;

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document (node 0) or a template's contents.
    Document,
    /// An element and its attributes.
    Element {
        /// Its name and namespace.
        name: QualName,
        /// Its attributes.
        attrs: Vec<Attribute>,
        /// For a `template`, the fragment holding its contents.
        template: Option<Id>,
    },
    /// Text.
    Text(StrTendril),
    /// A comment, doctype or processing instruction (never read).
    Other,
}

/// A node and its links.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: Option<Id>,
    pub first_child: Option<Id>,
    last_child: Option<Id>,
    prev: Option<Id>,
    pub next: Option<Id>,
    pub data: Data,
}

/// An element's name as the tree builder asks for it (a copy: atoms are
/// interned, so copying one is cheap).
#[derive(Debug)]
pub(crate) struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

/// A parsed page: node 0 is the document.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
    /// Start tags dropped because the page nested too deep.
    pub dropped: usize,
    /// Tags whose attributes past [`super::guard::MAX_ATTRS`] were cut.
    pub capped: usize,
}

impl Dom {
    /// The element name of `id`, if it is an element.
    pub fn element(&self, id: Id) -> Option<(&QualName, &[Attribute])> {
        match &self.nodes.get(id)?.data {
            Data::Element { name, attrs, .. } => Some((name, attrs)),
            _ => None,
        }
    }

    /// The value of attribute `name` of element `id`.
    pub fn attr(&self, id: Id, name: &str) -> Option<&str> {
        let (_, attrs) = self.element(id)?;
        attrs
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// The first child of `id`.
    pub fn first_child(&self, id: Id) -> Option<Id> {
        self.nodes.get(id)?.first_child
    }

    /// The next sibling of `id`.
    pub fn next(&self, id: Id) -> Option<Id> {
        self.nodes.get(id)?.next
    }

    /// The parent of `id`.
    pub fn parent(&self, id: Id) -> Option<Id> {
        self.nodes.get(id)?.parent
    }
}

/// Parses `text` as a browser does (the HTML standard's tree
/// construction, html5ever), start tags dropped past [`MAX_OPEN`].
pub(crate) fn parse(text: &str) -> Dom {
    let (text, capped) = super::guard::cap_attributes(text);
    let text: &str = &text;
    let sink = Sink::default();
    let builder = TreeBuilder::new(
        sink,
        TreeBuilderOpts {
            // As a browser with scripts on: `noscript` holds raw text,
            // dropped with it.
            scripting_enabled: true,
            ..TreeBuilderOpts::default()
        },
    );
    let tokenizer = Tokenizer::new(
        Capped {
            builder,
            tokens: Cell::new(0),
            dropping: Cell::new(false),
            dropped: Cell::new(0),
        },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    // In pieces, so that one huge text token never doubles the input.
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(1 << 16);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, tail) = rest.split_at(cut);
        input.push_back(StrTendril::from_slice(piece));
        rest = tail;
        // A script end and an encoding indicator (the page's declaration,
        // already read) pause the tokenizer; it goes on until the piece is
        // done.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    }
    tokenizer.end();
    let Capped {
        builder, dropped, ..
    } = tokenizer.sink;
    let sink = builder.sink;
    Dom {
        nodes: sink.nodes.into_inner(),
        dropped: dropped.get(),
        capped,
    }
}

/// The token sink between the tokenizer and the tree builder that drops
/// start tags while the builder holds too many elements.
struct Capped {
    builder: TreeBuilder<Id, Sink>,
    tokens: Cell<u32>,
    dropping: Cell<bool>,
    dropped: Cell<usize>,
}

/// Counts the handles the tree builder traces.
struct Counter(Cell<usize>);

impl Tracer for Counter {
    type Handle = Id;
    fn trace_handle(&self, _: &Id) {
        self.0.set(self.0.get() + 1);
    }
}

impl TokenSink for Capped {
    type Handle = Id;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Id> {
        let n = self.tokens.get().wrapping_add(1);
        self.tokens.set(n);
        if n.is_multiple_of(COUNT_EVERY) {
            let counter = Counter(Cell::new(0));
            self.builder.trace_handles(&counter);
            self.dropping.set(counter.0.get() > MAX_OPEN);
        }
        if let Token::TagToken(tag) = &token {
            // Elements whose content the tokenizer reads as raw text stay:
            // dropped, their content would be read as markup and text.
            let raw = matches!(
                tag.name,
                local_name!("script")
                    | local_name!("style")
                    | local_name!("textarea")
                    | local_name!("title")
                    | local_name!("xmp")
                    | local_name!("iframe")
                    | local_name!("noembed")
                    | local_name!("noframes")
                    | local_name!("noscript")
                    | local_name!("plaintext")
                    | local_name!("template")
            );
            if tag.kind == TagKind::StartTag && self.dropping.get() && !raw {
                self.dropped.set(self.dropped.get() + 1);
                return TokenSinkResult::Continue;
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree sink: builds the flat DOM.
struct Sink {
    nodes: RefCell<Vec<Node>>,
}

impl Default for Sink {
    fn default() -> Self {
        let document = Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
            data: Data::Document,
        };
        Sink {
            nodes: RefCell::new(vec![document]),
        }
    }
}

impl Sink {
    fn new_node(&self, data: Data) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
            data,
        });
        nodes.len() - 1
    }

    /// Unlinks `id` from its parent and siblings.
    fn detach(nodes: &mut [Node], id: Id) {
        let Some(node) = nodes.get_mut(id) else {
            return;
        };
        let (parent, prev, next) = (node.parent.take(), node.prev.take(), node.next.take());
        match next {
            Some(n) => set(nodes, n, |x| x.prev = prev),
            None => {
                if let Some(p) = parent {
                    set(nodes, p, |x| x.last_child = prev);
                }
            }
        }
        match prev {
            Some(p) => set(nodes, p, |x| x.next = next),
            None => {
                if let Some(p) = parent {
                    set(nodes, p, |x| x.first_child = next);
                }
            }
        }
    }

    /// Makes `child` the last child of `parent`.
    fn append_node(nodes: &mut [Node], parent: Id, child: Id) {
        Self::detach(nodes, child);
        let last = nodes.get(parent).and_then(|p| p.last_child);
        set(nodes, child, |c| {
            c.parent = Some(parent);
            c.prev = last;
        });
        match last {
            Some(l) => set(nodes, l, |x| x.next = Some(child)),
            None => set(nodes, parent, |p| p.first_child = Some(child)),
        }
        set(nodes, parent, |p| p.last_child = Some(child));
    }

    /// Puts `new` just before `sibling`.
    fn insert_before(nodes: &mut [Node], sibling: Id, new: Id) {
        Self::detach(nodes, new);
        let (parent, prev) = match nodes.get(sibling) {
            Some(s) => (s.parent, s.prev),
            None => return,
        };
        set(nodes, new, |n| {
            n.parent = parent;
            n.prev = prev;
            n.next = Some(sibling);
        });
        set(nodes, sibling, |s| s.prev = Some(new));
        match prev {
            Some(p) => set(nodes, p, |x| x.next = Some(new)),
            None => {
                if let Some(p) = parent {
                    set(nodes, p, |x| x.first_child = Some(new));
                }
            }
        }
    }

    /// Appends `child` after the node `previous` gives (text merges into a
    /// text node there), with `place` linking a new node in.
    fn add(
        &self,
        child: NodeOrText<Id>,
        previous: Option<Id>,
        place: impl FnOnce(&mut [Node], Id),
    ) {
        let id = match child {
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if let Some(Node {
                    data: Data::Text(t),
                    ..
                }) = previous.and_then(|p| nodes.get_mut(p))
                {
                    t.push_tendril(&text);
                    return;
                }
                drop(nodes);
                self.new_node(Data::Text(text))
            }
            NodeOrText::AppendNode(id) => id,
        };
        place(&mut self.nodes.borrow_mut(), id);
    }
}

/// Applies `f` to node `id`, if it exists.
fn set(nodes: &mut [Node], id: Id, f: impl FnOnce(&mut Node)) {
    if let Some(n) = nodes.get_mut(id) {
        f(n);
    }
}

impl TreeSink for Sink {
    type Handle = Id;
    type Output = Self;
    type ElemName<'a> = Name;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Id {
        0
    }

    fn elem_name(&self, target: &Id) -> Name {
        match self.nodes.borrow().get(*target).map(|n| &n.data) {
            Some(Data::Element { name, .. }) => Name(name.clone()),
            // Only asked of elements.
            _ => Name(QualName::new(None, ns!(), local_name!(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Id {
        let template = flags.template.then(|| self.new_node(Data::Document));
        self.new_node(Data::Element {
            name,
            attrs,
            template,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Id {
        self.new_node(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.new_node(Data::Other)
    }

    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        let last = self.nodes.borrow().get(*parent).and_then(|p| p.last_child);
        let parent = *parent;
        self.add(child, last, |nodes, id| {
            Self::append_node(nodes, parent, id)
        });
    }

    fn append_based_on_parent_node(&self, element: &Id, prev_element: &Id, child: NodeOrText<Id>) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element)
            .is_some_and(|e| e.parent.is_some());
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let id = self.new_node(Data::Other);
        Self::append_node(&mut self.nodes.borrow_mut(), 0, id);
    }

    fn get_template_contents(&self, target: &Id) -> Id {
        match self.nodes.borrow().get(*target).map(|n| &n.data) {
            Some(Data::Element {
                template: Some(t), ..
            }) => *t,
            // Only asked of templates; the element itself is a safe answer.
            _ => *target,
        }
    }

    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Id, new_node: NodeOrText<Id>) {
        let prev = self.nodes.borrow().get(*sibling).and_then(|s| s.prev);
        let sibling = *sibling;
        self.add(new_node, prev, |nodes, id| {
            Self::insert_before(nodes, sibling, id);
        });
    }

    fn add_attrs_if_missing(&self, target: &Id, new: Vec<Attribute>) {
        if let Some(Node {
            data: Data::Element { attrs, .. },
            ..
        }) = self.nodes.borrow_mut().get_mut(*target)
        {
            for a in new {
                if !attrs.iter().any(|b| b.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Id) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes.get(*node).and_then(|n| n.first_child);
        while let Some(c) = child {
            child = nodes.get(c).and_then(|n| n.next);
            Self::append_node(&mut nodes, *new_parent, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested text, iteratively.
    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        let mut stack = vec![(0usize, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            match &dom.nodes[id].data {
                Data::Element { name, .. } => {
                    out.push_str(&format!("{}{} ", "-".repeat(depth - 1), name.local));
                }
                Data::Text(t) => out.push_str(&format!("{}{:?} ", "-".repeat(depth - 1), &**t)),
                _ => {}
            }
            let mut kids = Vec::new();
            let mut c = dom.first_child(id);
            while let Some(k) = c {
                kids.push((k, depth + 1));
                c = dom.next(k);
            }
            stack.extend(kids.into_iter().rev());
        }
        out
    }

    #[test]
    fn the_tree_is_built_as_browsers_build_it() {
        let dom = parse("<p>One<b>two<p>three</b>four");
        assert_eq!(
            outline(&dom),
            "html -head -body --p ---\"One\" ---b ----\"two\" --p ---b ----\"three\" ---\"four\" "
        );
        // Foster parenting moves text out of a table; the adoption agency
        // reparents children.
        let dom = parse("<table>x<tr><td>a</table><i>1<p>2</i>3");
        assert_eq!(
            outline(&dom),
            "html -head -body --\"x\" --table ---tbody ----tr -----td ------\"a\" --i ---\"1\" --p ---i ----\"2\" ---\"3\" "
        );
    }

    #[test]
    fn a_page_nested_too_deep_keeps_its_text_and_a_bounded_tree() {
        let depth = 5 * MAX_OPEN;
        let page = "<div>x".repeat(depth) + &"</div>".repeat(depth) + "<p>after";
        let dom = parse(&page);
        assert!(dom.dropped > 0 && dom.dropped < depth);
        let texts: String = dom
            .nodes
            .iter()
            .filter_map(|n| match &n.data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, "x".repeat(depth) + "after");
        let elements = dom
            .nodes
            .iter()
            .filter(|n| matches!(n.data, Data::Element { .. }))
            .count();
        assert!(
            elements < MAX_OPEN + 2 * COUNT_EVERY as usize + 10,
            "{elements}"
        );
    }
}
