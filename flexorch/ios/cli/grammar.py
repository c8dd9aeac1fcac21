"""Match one IOS CLI line in a config mode against the grammar tables of ``platform``.

A command is written in a small syntax (see ``flexorch.ios.cli.commands``):

    keyword            a literal keyword; any unique prefix is accepted, case-insensitively
    <type> <type:arg>  a typed argument: word, int:LO-HI, ip, mask, ipv6, ipv6pfx, iface,
                       ifnum (interface number), quoted, rest (the rest of the line, spacing
                       kept), url, hex (hex digits, shown upper case), pfx (IPv4 a.b.c.d/n),
                       asn (AS number, plain or asdot), mac (xxxx.xxxx.xxxx)
    [ ... ]            optional part
    { a | b c | d }    alternatives (each a sequence)
    { ... }+           one or more repetitions of a group (``[ ... ]+`` zero or more)
    <type=name>  keyword=name  { ... }=name  [ ... ]=name
                       named slots: the part's canonical words fill slot ``name`` of the
                       match (``Match.slots``; see ``flexorch.ios.cli.slots``); readers take
                       values from slots, never by splitting a line into words

Each mode's commands are compiled once into one NFA whose states know which command they belong
to; a line is matched token by token over the set of live states, so alternatives and optional
parts need no backtracking. Per token the IOS parser's preferences are applied: an exact keyword
wins, then a typed argument that accepts the token (number, address, interface), then a unique
keyword prefix or a free word argument (both readings are followed; the one that completes the
line wins, the keyword first); several keyword prefixes and no free word is
``% Ambiguous command``. Running out of tokens before a command is complete is
``% Incomplete command.``; a token nothing accepts is ``% Invalid input`` with the caret under it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import Final, NamedTuple

from flexorch.ios.cli.args import Arg, Matcher, Token, arg_accepts, tokenize
from flexorch.ios.cli.slots import SYNTAX_TOKEN, Slots, capture, split_slot
from flexorch.ios.cli.syntax import Command, Mode

__all__ = ["Arg", "CompiledMode", "Match", "Matcher", "Token", "compiled", "match_line",
           "tokenize"]

# --- Syntax compiler -----------------------------------------------------------------------------


class _Nfa:
    """States are ints; each has keyword edges, argument edges and epsilon edges."""

    def __init__(self) -> None:
        self.keywords: list[list[tuple[str, int]]] = []
        # Keywords match case-insensitively but print as the syntax spells them (``dot1Q``).
        self.spelling: dict[str, str] = {}
        self.args: list[list[tuple[Arg, int]]] = []
        self.eps: list[list[int]] = []
        self.owner: list[int] = []
        self.accept: dict[int, int] = {}

    def new(self, owner: int) -> int:
        self.keywords.append([])
        self.args.append([])
        self.eps.append([])
        self.owner.append(owner)
        return len(self.eps) - 1


class _Compiler:
    """Thompson construction of one command's syntax into the shared NFA."""

    def __init__(self, nfa: _Nfa, syntax: str, owner: int) -> None:
        self.nfa = nfa
        self.items = SYNTAX_TOKEN.findall(syntax)
        self.owner = owner
        self.pos = 0

    def sequence(self, start: int, closer: str | None) -> int:
        """Compile items until ``closer`` or ``|`` (inside a group) or the end; the end state."""
        nfa, items = self.nfa, self.items
        cur = start
        while self.pos < len(items):
            tok = items[self.pos]
            if closer is not None and tok in (closer, "|"):
                return cur
            if tok in ("[", "{"):
                cur = self.group(cur, tok)
                continue
            nxt = nfa.new(self.owner)
            if tok.startswith("<"):
                nfa.args[cur].append((Arg.parse(tok[1:-1]), nxt))
            else:
                word = split_slot(tok)[0]
                nfa.keywords[cur].append((word.lower(), nxt))
                nfa.spelling.setdefault(word.lower(), word)
            cur = nxt
            self.pos += 1
        if closer is not None:
            raise ValueError(f"unclosed group in syntax {' '.join(items)!r}")
        return cur

    def group(self, cur: int, opener: str) -> int:
        """Compile ``[...]`` / ``{...}`` (optionally followed by ``+``) starting at ``cur``."""
        nfa, items = self.nfa, self.items
        close = "]" if opener == "[" else "}"
        group_start, group_end = nfa.new(self.owner), nfa.new(self.owner)
        self.pos += 1
        while True:
            branch_start = nfa.new(self.owner)
            nfa.eps[group_start].append(branch_start)
            nfa.eps[self.sequence(branch_start, close)].append(group_end)
            self.pos += 1
            if items[self.pos - 1] == close:
                break
        if self.pos < len(items) and items[self.pos] == "+":
            self.pos += 1
            nfa.eps[group_end].append(group_start)
        if self.pos < len(items) and items[self.pos].startswith("="):
            self.pos += 1  # the group's slot name: only captures care (``slots``)
        nfa.eps[cur].append(group_start)
        if opener == "[":
            nfa.eps[group_start].append(group_end)
        return group_end


class Match(NamedTuple):
    """The outcome of matching one line (without a leading ``no``) in one mode.

    ``status`` is ``ok``, ``invalid``, ``incomplete`` or ``ambiguous``; ``consumed`` counts the
    tokens accepted before a failure (used to prefer the mode that understood most of a line);
    ``error_col`` is the column of the failing token in the text given. (A named tuple: made
    for every line matched, it costs ~0.2 us where a frozen dataclass of seven fields cost ~1.)
    """

    status: str
    command: Command | None = None
    canonical: str = ""
    words: tuple[str, ...] = ()
    consumed: int = 0
    error_col: int = 0
    partial_commands: tuple[Command, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the line is a complete command of the mode."""
        return self.status == "ok"

    @property
    def slots(self) -> Slots:
        """The named slots of a complete match (``<word=name>``); empty otherwise."""
        if not self.ok or self.command is None:
            return Slots()
        return capture(self.command.syntax, self.words, arg_accepts)


_new_match = tuple.__new__  # a Match without NamedTuple's Python-level ``__new__``


class _Table:
    """What leaves one set of live NFA states, built once per state set (the config mode's
    start set has hundreds of states): keyword -> next states (the closure of each computed
    on first use), the keywords sorted (prefix lookups), the argument edges in the set's order,
    and what the set means when the line ends there (the command accepted, the commands of the
    states: ``Match.partial_commands``)."""

    __slots__ = ("accepting", "args", "keywords", "nexts", "owners", "sorted_words")

    def __init__(self, keywords: dict[str, set[int]], args: list[tuple[Arg, int]],
                 accepting: Command | None, owners: tuple[Command, ...]) -> None:
        self.keywords = keywords
        self.nexts: dict[str, frozenset[int]] = {}
        self.sorted_words = sorted(keywords)
        # The argument edges by matcher, in the order each matcher first appears in the set:
        # (free, matcher, every target of its edges). Several edges share a matcher (``<word>``
        # of many commands, ``<ip>`` of ``ip address`` and ``ip address ... secondary``): it
        # runs once per token, and the first that accepts is the first accepting edge's.
        targets: dict[tuple[bool, Matcher], set[int]] = {}
        for arg, nxt in args:
            targets.setdefault((arg.free, arg.matcher), set()).add(nxt)
        self.args = [(free, matcher, frozenset(nxts)) for (free, matcher), nxts in targets.items()]
        self.accepting = accepting
        self.owners = owners


# What the words of a line's head leave (``CompiledMode._head``): the table after them, their
# canonical words and their count.
_Head = tuple[_Table, tuple[str, ...], int]


class CompiledMode:
    """A mode's commands compiled to one NFA."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.nfa = _Nfa()
        self.start = self.nfa.new(-1)
        for index, command in enumerate(mode.commands):
            begin = self.nfa.new(index)
            self.nfa.eps[self.start].append(begin)
            end = _Compiler(self.nfa, command.syntax, index).sequence(begin, None)
            self.nfa.accept.setdefault(end, index)
        self._closure_cache: dict[frozenset[int], frozenset[int]] = {}
        self._tables: dict[frozenset[int], _Table] = {}
        self.start_set = self._closure({self.start})
        self._heads: dict[tuple[str, int], _Head | None] = {}

    def _table(self, states: frozenset[int]) -> _Table:
        table = self._tables.get(states)
        if table is None:
            nfa = self.nfa
            keywords: dict[str, set[int]] = {}
            args: list[tuple[Arg, int]] = []
            best: int | None = None
            for state in states:
                for word, nxt in nfa.keywords[state]:
                    keywords.setdefault(word, set()).add(nxt)
                args.extend(nfa.args[state])
                index = nfa.accept.get(state)
                if index is not None and (best is None or index < best):
                    best = index
            commands = self.mode.commands
            owners = sorted({nfa.owner[s] for s in states if nfa.owner[s] >= 0})
            table = self._tables[states] = _Table(
                keywords, args, None if best is None else commands[best],
                tuple(commands[o] for o in owners))
        return table

    def _closure(self, states: AbstractSet[int]) -> frozenset[int]:
        key = frozenset(states)
        cached = self._closure_cache.get(key)
        if cached is not None:
            return cached
        stack = list(states)
        seen = set(states)
        while stack:
            state = stack.pop()
            for nxt in self.nfa.eps[state]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        result = frozenset(seen)
        self._closure_cache[key] = result
        return result

    def _ways(self, table: _Table, tokens: Sequence[Token], i: int,
              low: str) -> tuple[str, list[tuple[str, frozenset[int], int]]]:
        """The ways to advance over token ``i`` when it is no keyword of ``table``, best first,
        as (canonical word, next states, tokens consumed); status ``ok``, ``ambiguous`` or
        ``invalid``.

        IOS's preferences after an exact keyword: a typed argument (number, address,
        interface); else a unique keyword prefix and, as a second branch, a free word (IOS
        keeps both readings and takes the one that completes: ``... list L P`` where ``P`` is a
        name, not ``password``); several keyword prefixes with no free word is ambiguous."""
        typed = self._typed(table, tokens, i)
        if False in typed:
            (word, used), targets = typed[False]
            return "ok", [(word, self._closure(targets), used)]
        words = table.sorted_words
        at = bisect.bisect_left(words, low)
        prefix: list[str] = []
        while at < len(words) and words[at].startswith(low):
            prefix.append(words[at])
            at += 1
        ways = []
        if len(prefix) == 1:
            ways.append((self.nfa.spelling[prefix[0]],
                         self._closure(table.keywords[prefix[0]]), 1))
        if True in typed:
            (word, used), targets = typed[True]
            ways.append((word, self._closure(targets), used))
        if ways:
            return "ok", ways
        return ("ambiguous" if prefix else "invalid"), []

    @staticmethod
    def _typed(table: _Table, tokens: Sequence[Token],
               i: int) -> dict[bool, tuple[tuple[str, int], frozenset[int]]]:
        """Argument edges accepting token ``i``, grouped by "free" (any word) or typed: the
        first edge (in the state set's order) that accepts sets the canonical word and the
        tokens consumed, the others consuming as many join its targets."""
        typed: dict[bool, tuple[tuple[str, int], frozenset[int]]] = {}
        for free, matcher, targets in table.args:
            got = matcher(tokens, i)
            if got is None:
                continue
            first = typed.get(free)
            if first is None:
                typed[free] = (got, targets)
            elif got[1] == first[0][1]:
                typed[free] = (first[0], first[1] | targets)
        return typed

    def match(self, tokens: Sequence[Token], *, shown: bool = False) -> Match:
        """Match a tokenised line (at least one token). ``shown``: the line is as IOS shows
        it (a running config spells every keyword in full), so a word that only abbreviates a
        keyword is read as a free word first (``match fvrf A`` names VRF ``A``, not ``any``)."""
        return self._run(self.start_set, tokens, 0, (), shown)[0]

    def matches(self, tokens: Sequence[Token]) -> tuple[Match, Match]:
        """``match`` of a line as typed and as shown. The two differ only when a word of the
        line has two readings (a keyword prefix and a free word): otherwise one run gives both
        (the model reads the lines of a config shown, the plan compares them typed)."""
        typed, branched = self._run(self.start_set, tokens, 0, (), False)
        return typed, self._run(self.start_set, tokens, 0, (), True)[0] if branched else typed

    def matches_last(self, head: str, skip: int, last: Token) -> Match | None:
        """``matches(tokenize(head + last.text)[skip:])``'s one match (both readings are the same
        then), where ``last`` is the line's last word and ``head`` the text before it, when the
        words of ``head`` go one way that the last word cannot change (``_head``) and the last
        word goes one way too; None otherwise (the caller matches the whole line).

        The routers of a fleet write many lines alike but for their last word (``hostname
        NAME``, ``identity local fqdn NAME``, ``ipv6 address ADDRESS``, a hub's peer per spoke):
        the words before it are matched once per head (``ipv6 address A`` matched in 8.2 us
        against 10.0; a 10,000-spoke hub's model in 0.46 s against 0.52)."""
        known = self._head(head, skip)
        if known is None:
            return None
        table, words, count = known
        low = last.text.lower()
        nxt = table.nexts.get(low)
        if nxt is None and low in table.keywords:
            nxt = table.nexts[low] = self._closure(table.keywords[low])
        if nxt is not None:
            words = (*words, self.nfa.spelling[low])
        else:
            status, ways = self._ways(table, (last,), 0, low)
            if status != "ok" or len(ways) != 1:
                return None
            word, nxt, _ = ways[0]  # the last word: an argument takes it alone
            words = (*words, word)
        table = self._tables.get(nxt) or self._table(nxt)
        command = table.accepting
        return _new_match(Match, ("incomplete" if command is None else "ok", command,
                                  " ".join(words), words, count + 1, 0, table.owners))

    def _head(self, head: str, skip: int) -> _Head | None:
        """The table after the words of ``head`` but the first ``skip``, their canonical words
        and count, when each went one way that no later word changes: an exact keyword, or a
        word read by the arguments of a table none of whose arguments may take the next word
        too (``<iface>``: ``Tunnel 1``; ``<rest>``). None otherwise, and for a head seen for the
        first time. Cached per head, bounded (emptied when full): a head is a pure function of
        its text in this mode."""
        key = (head, skip)
        found = self._heads.get(key, _SEEN_ONCE)
        if found is not _SEEN_ONCE:
            return found
        if len(self._heads) >= _HEADS_MAX:
            self._heads.clear()
        if key not in self._heads:
            # A head seen once is not walked: most heads of a fleet's unique lines are unique
            # too (``ip address ADDRESS MASK``, a description), and walking them before the
            # whole line cost such a line 1-5 us more (11.4 -> 12.8 us, 15.2 -> 19.5 us).
            self._heads[key] = _SEEN_ONCE
            return None
        tokens = tokenize(head)
        found = self._heads[key] = None if len(tokens) < skip else self._walk(tokens[skip:])
        return found

    def _walk(self, tokens: Sequence[Token]) -> _Head | None:
        tables, spelling = self._tables, self.nfa.spelling
        table = tables.get(self.start_set) or self._table(self.start_set)
        words: tuple[str, ...] = ()
        for i, token in enumerate(tokens):
            low = token.text.lower()
            nxt = table.nexts.get(low)
            if nxt is None and low in table.keywords:
                nxt = table.nexts[low] = self._closure(table.keywords[low])
            if nxt is not None:
                words = (*words, spelling[low])
            else:
                if any(matcher in _READS_ON for _, matcher, _ in table.args):
                    return None
                status, ways = self._ways(table, tokens, i, low)
                if status != "ok" or len(ways) != 1 or ways[0][2] != 1:
                    return None
                word, nxt, _ = ways[0]
                words = (*words, word)
            table = tables.get(nxt) or self._table(nxt)
        return table, words, len(tokens)

    def _run(self, states: frozenset[int], tokens: Sequence[Token], i: int,
             words: tuple[str, ...], shown: bool) -> tuple[Match, bool]:
        """The match of ``tokens[i:]`` from ``states``, and whether a word had two readings."""
        tables, spelling, count = self._tables, self.nfa.spelling, len(tokens)
        table = tables.get(states) or self._table(states)
        while i < count:
            low = tokens[i].text.lower()
            # An exact keyword wins over every other reading (the common case: one lookup).
            nxt = table.nexts.get(low)
            if nxt is None and low in table.keywords:
                nxt = table.nexts[low] = self._closure(table.keywords[low])
            if nxt is not None:
                words = (*words, spelling[low])
                i += 1
                table = tables.get(nxt) or self._table(nxt)
                continue
            status, ways = self._ways(table, tokens, i, low)
            if shown:
                ways.reverse()  # the free-word reading (when there is one) first
            if status != "ok":
                return Match(status, consumed=i, error_col=tokens[i].col, words=words,
                             partial_commands=table.owners), False
            if len(ways) > 1:
                # A keyword-prefix reading and a free-word reading: the first that completes.
                tries = []
                for word, after, used in ways:
                    attempt = self._run(after, tokens, i + used, (*words, word), shown)[0]
                    if attempt.ok:
                        return attempt, True
                    tries.append(attempt)
                return max(tries, key=lambda t: (t.consumed, t.status == "incomplete")), True
            word, after, used = ways[0]
            words = (*words, word)
            i += used
            table = tables.get(after) or self._table(after)
        command = table.accepting
        status = "incomplete" if command is None else "ok"
        return _new_match(Match, (status, command, " ".join(words), words, count, 0,
                                  table.owners)), False


# Heads kept per mode (``CompiledMode._head``): a site of 10,000 spokes has a few hundred
# that repeat, and a head per unique line seen once.
_HEADS_MAX = 20_000
_SEEN_ONCE: Final[_Head] = (_Table({}, [], None, ()), (), -1)  # a head seen once, not walked
# Argument matchers that may take the word after theirs (``_walk`` stops at a table of one).
_READS_ON = frozenset(arg.matcher for arg in (Arg.parse("iface"), Arg.parse("rest")))

_COMPILED: dict[str, CompiledMode] = {}


def compiled(mode: Mode) -> CompiledMode:
    """The compiled form of a mode (compiled once per process, by mode id)."""
    done = _COMPILED.get(mode.id)
    if done is None or done.mode is not mode:
        done = _COMPILED[mode.id] = CompiledMode(mode)
    return done


def match_line(mode: Mode, line: str) -> Match:
    """Match ``line`` (no leading ``no``) in ``mode``. An empty line is ``incomplete``."""
    tokens = tokenize(line)
    if not tokens:
        return Match("incomplete")
    return compiled(mode).match(tokens)
