"""Load every content file, convert it to models and check the files against each other.

`load_content(root)` is the one entry point: it reads `content/` under `root`, reports
*all* problems of *all* files at once (as a `ContentError`), and otherwise returns the
`Content` the site is built from. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from .cache import BuildCache, collection_paused
from .errors import ContentError, ErrorList, SourceError, display_path
from .fields import INVALID, Context, FieldType, ListOf, Record, Reference
from .models import (
    Article,
    Checklist,
    Content,
    Costs,
    GuideConfig,
    Home,
    Planner,
    Practice,
    Question,
    Signals,
    Source,
    Step,
    Timeline,
    Tracker,
    find_cycle,
)
from .yamlload import YamlDocument, format_path, load, parse, top_level_items

CONTENT_DIR = "content"
QUESTIONS_DIR = "questions"
# Addresses the generator uses itself; an article may not take them.
RESERVED_PAGE_IDS = frozenset(
    {"index", "steps", "checklist", "sources", "practice", "planner", "costs", "my-applications", "question-bank",
     "assets", "search", "404"}
)

# What each kind of content file holds, as the field type of the whole file. The loader
# converts with these and schemas.py generates the editor schemas from them, so the two
# cannot drift apart.
FILE_TYPES: dict[str, FieldType] = {
    "step": Record(Step),
    "page": Record(Article),
    "questions": ListOf(Record(Question), min_items=1),
    "sources": ListOf(Record(Source), min_items=1),
    "guide": Record(GuideConfig),
    "home": Record(Home),
    "checklist": Record(Checklist),
    "practice": Record(Practice),
    "planner": Record(Planner),
    "timeline": Record(Timeline),
    "costs": Record(Costs),
    "signals": Record(Signals),
    "tracker": Record(Tracker),
}


# Below this many bytes of files to parse, starting processes costs more than it saves.
PARALLEL_MIN_BYTES = 1_000_000


def _digests(items: Any) -> tuple[str, ...]:
    return tuple(hashlib.sha256(pickle.dumps(item, protocol=5)).hexdigest() for item in items)


def _bytes_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _item_texts(raw: bytes, item_lines: list[int] | None) -> tuple[str, ...] | None:
    """Digests of the text of each item of a list file that was parsed whole, when the file
    cuts into items (yamlload.top_level_items) exactly where the parser found them."""
    if item_lines is None:
        return None
    try:
        items = top_level_items(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if items is None or len(items) != len(item_lines):
        return None
    ends = [line for line, _ in items[1:]] + [None]
    for (start, _), end, found in zip(items, ends, item_lines, strict=True):
        if found < start or (end is not None and found >= end):
            return None
    return tuple(_text_digest(text) for _, text in items)


def _convert_elsewhere(root: str, path: str, kind: str) -> tuple | None:
    """`ContentLoader.read` of one list file on its own (in a worker process, or for this
    process's share of `prefetch`): the entry it would cache (value, references, item
    digests, item text digests), or None when the file has problems."""
    loader = ContentLoader(Path(root))
    with collection_paused():
        value, _ = loader.read(Path(path), FILE_TYPES[kind], item_digests=True)
    if value is INVALID or loader.errors:
        return None
    return loader.entries[Path(path)]


def _shares(files: list[tuple[Path, str, int]], count: int) -> list[list[tuple[Path, str, int]]]:
    """`files` (path, key, size) in `count` shares of about equal size: largest first, each
    to the smallest share so far."""
    shares: list[list[tuple[Path, str, int]]] = [[] for _ in range(count)]
    sizes = [0] * count
    for item in sorted(files, key=lambda item: -item[2]):
        smallest = sizes.index(min(sizes))
        shares[smallest].append(item)
        sizes[smallest] += item[2]
    return shares


def _where(definition: tuple[YamlDocument, tuple]) -> str:
    """"file:line" of a definition (document, path), looked up only for a duplicate."""
    document, path = definition
    return f"{document.file}:{document.mark(path).line}"


class ContentLoader:
    """Reads files one by one, keeping every error, id definition and reference."""

    def __init__(self, root: Path, cache: BuildCache | None = None,
                 file_digests: dict[Path, str] | None = None) -> None:
        self.root = root
        self.cache = cache or BuildCache(None)
        self.file_digests = file_digests or {}
        self.errors = ErrorList()
        self.references: list[Reference] = []  # from files converted in this build
        # From files taken from the cache: (document, [(kind, target, path)...]) per file. A
        # Reference is made only for one that turns out broken (a bank of 10,000 questions
        # has about 30,000: making them all cost more than checking them).
        self.cached_references: list[tuple[YamlDocument, list[tuple]]] = []
        # kind -> id -> where it is defined (document, path): a plain tuple, as a bank of
        # 10,000 questions defines 10,000 ids in every build.
        self.definitions: dict[str, dict[str, tuple[YamlDocument, tuple]]] = {}
        # Ids that exist although their file could not be read (a step file's name is its
        # id), and kinds whose defining file failed: references to them are not checked, so
        # one broken file does not bury its own error under a cascade of "unknown id" ones.
        self.claimed: dict[str, set[str]] = {}
        self.unknowable: set[str] = set()
        self.fingerprint = hashlib.sha256()  # of every file read, in order
        self.digests: dict[Path, tuple[str, ...] | None] = {}  # see read(item_digests=True)
        self.question_digests: dict[str, str] = {}
        self.entries: dict[Path, tuple] = {}  # what read(item_digests=True) put in the cache

    def name(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(self, path: Path, field_type: FieldType, item_digests: bool = False) -> tuple[Any, YamlDocument | None]:
        """Parse and convert one file; INVALID (with errors recorded) when it fails.

        A file that converted without problems before, with the same bytes and the same
        code, is taken from the build cache instead (see cache.py). With `item_digests`
        (a file that holds a list), a hash of each item is kept with it, in
        `self.digests[path]`: of the item's text when the file cuts into items (the same
        text, with the same code, gives the same item), else of the converted item. An
        edited file then reuses the items whose text did not change since its last good
        version (`_reuse_items`).
        """
        name = self.name(path)
        known = self.file_digests.get(path)
        key = self._file_key(name, field_type, known) if known else ""
        cached = self.cache.get(key) if known else None
        raw = b""
        if cached is None:  # read the file (it may have changed since it was hashed: its bytes decide)
            try:
                raw = path.read_bytes()
            except OSError:
                self.errors.add(SourceError(name, message="file is missing"))
                return INVALID, None
            key = self._file_key(name, field_type, _bytes_digest(raw))
            cached = self.cache.get(key)
        self.fingerprint.update(key.encode())
        if cached is None and item_digests:
            cached = self._reuse_items(name, raw, field_type)
            if cached is not None:
                self._keep(path, name, field_type, key, cached)
        if cached is not None:
            value, references, digests = cached[:3]
            if item_digests:
                self.digests[path] = digests
            document = YamlDocument(name, read_text=lambda: path.read_text(encoding="utf-8"))
            self.cached_references.append((document, references))
            return value, document
        document, problems = load(path, name)
        if problems:
            self.errors.extend(problems)
            return INVALID, document
        ctx = Context(document)
        value = field_type.convert(document.data, (), ctx)
        self.errors.extend(ctx.errors)
        self.references.extend(ctx.references)
        if not ctx.errors:
            references = [(ref.kind, ref.target, ref.path) for ref in ctx.references]
            if item_digests:
                texts = _item_texts(raw, document.item_lines())
                digests = texts if texts is not None else _digests(value)
                self.digests[path] = digests
                self._keep(path, name, field_type, key, (value, references, digests, texts))
            else:
                self.cache.put(key, (value, references, None))
        document.data = None
        document.release()  # positions are rebuilt from the file if a later check needs one
        return value, document

    def _file_key(self, name: str, field_type: FieldType, digest: str) -> str:
        """The cache key of a file's parse and validation result (`digest`: of its bytes)."""
        return self.cache.key("file", name, field_type.expected, digest)

    def _items_key(self, name: str, field_type: FieldType) -> str:
        return self.cache.key("items", name, field_type.expected)

    def _keep(self, path: Path, name: str, field_type: FieldType, key: str, entry: tuple) -> None:
        """Cache a list file's entry, and remember it as the file's last good version."""
        self.entries[path] = entry
        self.cache.put(key, entry)
        if entry[3] is not None:
            items_key = self._items_key(name, field_type)
            previous = self.cache.get(items_key)
            if previous != key:
                self.cache.put(items_key, key)
                if previous is not None:
                    self.cache.discard(previous)  # superseded: a file's newest good version is enough

    def _reuse_items(self, name: str, raw: bytes, field_type: FieldType) -> tuple | None:
        """The entry of an edited list file, from its last good version's items and a parse
        of only the items whose text changed; None (parse the whole file) unless the file
        cuts plainly into items (yamlload.top_level_items) and every changed item parses
        and converts alone without any problem.

        An item's text parses to the same value wherever it stands, and converting an item
        does not depend on the others, so the result equals a whole parse (checks across
        items, such as duplicate ids, run on the whole bank after loading, as always)."""
        if not isinstance(field_type, ListOf) or field_type.unique or field_type.max_items is not None:
            return None
        previous_key = self.cache.get(self._items_key(name, field_type))
        previous = self.cache.get(previous_key) if previous_key else None
        if previous is None or len(previous) < 4 or previous[3] is None:
            return None
        try:
            items = top_level_items(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return None
        if items is None or len(items) < field_type.min_items:
            return None
        old_values, old_references, old_digests, old_texts = previous
        old_index = {text: index for index, text in enumerate(old_texts)}
        references_of: dict[int, list] = {}
        for kind, target, where in old_references:
            references_of.setdefault(where[0], []).append((kind, target, where[1:]))
        values, references, digests, texts = [], [], [], []
        for index, (_, text) in enumerate(items):
            text_digest = _text_digest(text)
            old = old_index.get(text_digest)
            if old is not None:
                value, item_references, digest = old_values[old], references_of.get(old, []), old_digests[old]
            else:
                document, problems = parse(text, name)
                if problems or not isinstance(document.data, list) or len(document.data) != 1:
                    return None
                ctx = Context(document)
                value = field_type.item.convert(document.data[0], (0,), ctx)
                if value is INVALID or ctx.errors:
                    return None
                item_references = [(ref.kind, ref.target, ref.path[1:]) for ref in ctx.references]
                digest = text_digest
            values.append(value)
            references.extend((kind, target, (index, *where)) for kind, target, where in item_references)
            digests.append(digest)
            texts.append(text_digest)
        return tuple(values), references, tuple(digests), tuple(texts)

    def prefetch(self, paths: list[Path], kind: str) -> None:
        """Parse and convert the files the build cache does not hold, spread over this
        process and other ones, and put the results in the cache, where `read` then finds
        them.

        Only when it pays: more than one such file, at least PARALLEL_MIN_BYTES of them and
        more than one core (IMGGUIDE_WORKERS=N: N processes in all, 1 turns it off). The
        files are shared by size; this process parses its share while the workers parse
        theirs, so only the workers' results cross between processes (pickled: with two
        cores, half the bank rather than all of it). A file with a problem is left to
        `read`, which reports it as usual."""
        field_type = FILE_TYPES[kind]
        todo = []
        for path in paths:
            try:
                digest = self.file_digests.get(path)
                size = path.stat().st_size
                if digest is None:
                    digest = _bytes_digest(path.read_bytes())
            except OSError:
                continue
            key = self._file_key(self.name(path), field_type, digest)
            # An edited file with a last good version is left to `read`, which parses
            # only its changed items.
            if self.cache.get(key) is None and self.cache.get(self._items_key(self.name(path), field_type)) is None:
                todo.append((path, key, size))
        processes = min(len(todo), int(os.environ.get("IMGGUIDE_WORKERS", "0")) or os.cpu_count() or 1)
        if processes < 2 or sum(size for _, _, size in todo) < PARALLEL_MIN_BYTES:
            return
        here, *elsewhere = _shares(todo, processes)
        with ProcessPoolExecutor(max_workers=processes - 1) as pool:
            sent = [(item, pool.submit(_convert_elsewhere, str(self.root), str(item[0]), kind))
                    for share in elsewhere for item in share]
            for path, key, _ in here:
                result = _convert_elsewhere(str(self.root), str(path), kind)
                if result is not None:
                    self._keep(path, self.name(path), field_type, key, result)
            for (path, key, _), future in sent:
                result = future.result()
                if result is not None:
                    self._keep(path, self.name(path), field_type, key, result)

    def define(self, kind: str, item_id: str, document: YamlDocument, path: tuple) -> None:
        """Record that `item_id` of `kind` is defined at `path`; report a second definition."""
        known = self.definitions.setdefault(kind, {})
        if item_id in known:
            mark = document.mark(path)
            self.errors.add(SourceError(
                document.file, mark.line, mark.col, format_path(path),
                message=f"duplicate {kind} id '{item_id}' (already used at {_where(known[item_id])})",
            ))
            return
        known[item_id] = (document, path)

    def folder(self, relative: str, required: bool = True) -> list[Path]:
        """The .yml files of a folder, sorted; other files there are reported."""
        folder = self.root / relative
        if not folder.is_dir():
            if required:
                self.errors.add(SourceError(self.name(folder), message="folder is missing"))
            return []
        paths = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.suffix != ".yml":
                if path.suffix == ".md" or path.name.startswith("README"):
                    continue
                self.errors.add(SourceError(self.name(path), message="content files must end in .yml"))
                continue
            paths.append(path)
        return paths

    def all_references(self) -> Iterator[tuple[str, str, YamlDocument, tuple]]:
        """(kind, target, document, path) of every reference read, cached or not."""
        for ref in self.references:
            yield ref.kind, ref.target, ref.document, ref.path
        for document, references in self.cached_references:
            for kind, target, where in references:
                yield kind, target, document, where

    def check_references(self) -> None:
        for kind, target, document, where in self.all_references():
            if kind in self.unknowable:
                continue
            known = self.definitions.get(kind, {})
            if target not in known and target not in self.claimed.get(kind, set()):
                ref = Reference(kind, target, document, where)
                hint = difflib.get_close_matches(ref.target, list(known), n=1) or sorted(
                    candidate for candidate in known if candidate.startswith(ref.target)
                )[:1]
                message = f"did you mean '{hint[0]}'?" if hint else f"no {ref.kind} has this id"
                if ref.kind in DEFINED_IN:
                    message += f"; add it under {DEFINED_IN[ref.kind]}"
                self.errors.add(ref.error(
                    expected=f"the id of an existing {ref.kind}", got=repr(ref.target), message=message,
                ))


# Kinds of id defined in one shared file, named in errors about an id that is missing there.
DEFINED_IN = {"topic": "'topics:' (id: readable label) in content/practice.yml"}


def load_content(root: Path, cache: BuildCache | None = None, file_digests: dict[Path, str] | None = None) -> Content:
    """Load and validate everything under `root/content` and `root/questions`; raise
    ContentError listing all problems. `cache` (see cache.py) skips unchanged files;
    `file_digests` (path -> SHA-256 of its bytes, from generate.input_files) saves
    reading and hashing them again to find their cache entries."""
    with collection_paused():
        return _load_content(root, cache, file_digests)


def _load_content(root: Path, cache: BuildCache | None, file_digests: dict[Path, str] | None) -> Content:
    loader = ContentLoader(root, cache, file_digests)
    base = root / CONTENT_DIR

    sources, sources_doc = loader.read(base / "sources.yml", FILE_TYPES["sources"])
    if sources is INVALID:
        loader.unknowable.add("source")
    else:
        for index, source in enumerate(sources):
            loader.define("source", source.id, sources_doc, (index, "id"))

    steps = _read_folder(loader, "steps", "step")
    articles = _read_folder(loader, "pages", "page")
    for article, document in articles.values():
        if article.id in RESERVED_PAGE_IDS:
            mark = document.mark(("id",))
            loader.errors.add(SourceError(
                document.file, mark.line, mark.col, "id",
                expected="an id not used by the site itself (" + ", ".join(sorted(RESERVED_PAGE_IDS)) + ")",
                got=repr(article.id),
            ))

    questions = _read_questions(loader)

    home, _ = loader.read(base / "home.yml", FILE_TYPES["home"])
    practice, practice_doc = loader.read(base / "practice.yml", FILE_TYPES["practice"])
    if practice is INVALID:
        loader.unknowable.add("topic")
    else:
        for topic_id in practice.topics:
            loader.define("topic", topic_id, practice_doc, ("topics", topic_id))
    planner, _ = loader.read(base / "planner.yml", FILE_TYPES["planner"])
    # The cost estimator is optional: a content tree without costs.yml has no Costs page.
    costs = loader.read(base / "costs.yml", FILE_TYPES["costs"])[0] if (base / "costs.yml").exists() else None
    # My applications is optional too; when present it needs signals.yml (see _read_tracker).
    signals, tracker = _read_tracker(loader, base, costs)
    checklist, checklist_doc = loader.read(base / "checklist.yml", FILE_TYPES["checklist"])
    if checklist is INVALID:
        loader.unknowable.add("checklist item")
    else:
        for index, item in enumerate(checklist.items):
            loader.define("checklist item", item.id, checklist_doc, ("items", index, "id"))
    guide, guide_doc = loader.read(base / "guide.yml", FILE_TYPES["guide"])
    timeline = _read_timeline(loader, base / "timeline.yml")

    loader.check_references()
    if guide is not INVALID:
        unlisted = (("step", steps, guide.steps, "steps"), ("page", articles, guide.pages, "pages"))
        for kind, found, listed, key in unlisted:
            for item_id, (_, document) in found.items():
                if item_id not in listed:
                    mark = document.mark(("id",))
                    loader.errors.add(SourceError(
                        document.file, mark.line, mark.col, "id",
                        message=f"{kind} '{item_id}' is not listed under '{key}' in {guide_doc.file}",
                    ))
    if sources is not INVALID:
        registry = {source.id: source for source in sources}
        for step, document in steps.values():
            _check_step_sources(loader, step, document, registry)

    if sources is not INVALID and not loader.errors:
        _check_sources_cited(loader, sources, sources_doc)
    loader.errors.raise_if_any()
    ordered_steps = tuple(
        dataclasses.replace(steps[step_id][0], number=number)
        for number, step_id in enumerate(guide.steps, start=1)
    )
    return Content(
        guide=guide,
        home=home,
        steps=ordered_steps,
        articles=tuple(articles[page_id][0] for page_id in guide.pages),
        checklist=checklist,
        practice=practice,
        timeline=timeline,
        planner=planner,
        costs=costs,
        signals=signals,
        tracker=tracker,
        sources={source.id: source for source in sources},
        questions=questions,
        fingerprint=loader.fingerprint.hexdigest(),
        question_digests=loader.question_digests,
    )


def _read_tracker(loader: ContentLoader, base: Path, costs: Any) -> tuple[Signals | None, Tracker | None]:
    """content/tracker.yml and content/signals.yml (My applications), both or neither; the
    cost lines the tracker names must exist in content/costs.yml."""
    tracker_path, signals_path = base / "tracker.yml", base / "signals.yml"
    if not tracker_path.exists():
        signals = loader.read(signals_path, FILE_TYPES["signals"])[0] if signals_path.exists() else None
        return (None if signals is INVALID else signals), None
    tracker, document = loader.read(tracker_path, FILE_TYPES["tracker"])
    if not signals_path.exists():
        loader.errors.add(SourceError(
            loader.name(tracker_path),
            message=f"My applications needs the signal numbers in {loader.name(signals_path)}",
        ))
        return None, None
    signals, _ = loader.read(signals_path, FILE_TYPES["signals"])
    if tracker is INVALID or signals is INVALID:
        return None, None
    if costs is not None and costs is not INVALID:
        known = {item.id for item in costs.items}
        for key in ("eras_cost_items", "nrmp_cost_items"):
            for index, item_id in enumerate(getattr(tracker.settings, key)):
                if item_id not in known:
                    mark = document.mark(("settings", key, index))
                    loader.errors.add(SourceError(
                        document.file, mark.line, mark.col, format_path(("settings", key, index)),
                        expected="the id of a line in content/costs.yml", got=repr(item_id),
                    ))
    return signals, tracker


def _read_questions(loader: ContentLoader) -> tuple[Question, ...]:
    """Every question in questions/*.yml, in file order; ids and stems must be unique."""
    questions: list[Question] = []
    stems: dict[str, str] = {}
    paths = loader.folder(QUESTIONS_DIR, required=False)
    loader.prefetch(paths, "questions")
    for path in paths:
        found, document = loader.read(path, FILE_TYPES["questions"], item_digests=True)
        if found is INVALID:
            continue
        if loader.digests.get(path):
            loader.question_digests.update(zip((q.id for q in found), loader.digests[path], strict=True))
        for index, question in enumerate(found):
            loader.define("question", question.id, document, (index, "id"))
            stem = " ".join(question.stem.lower().split())
            if stem in stems:
                mark = document.mark((index, "stem"))
                loader.errors.add(SourceError(
                    document.file, mark.line, mark.col, format_path((index, "stem")),
                    message=f"the same stem as question '{stems[stem]}': ask it differently or merge them",
                ))
            stems.setdefault(stem, question.id)
        questions.extend(found)
    return tuple(questions)


def _read_timeline(loader: ContentLoader, path: Path) -> Timeline | None:
    """The calendar and milestones; ids defined, loops between them reported."""
    timeline, document = loader.read(path, FILE_TYPES["timeline"])
    if timeline is INVALID:
        loader.unknowable.update({"event", "milestone"})
        return None
    for index, event in enumerate(timeline.events):
        loader.define("event", event.id, document, ("events", index, "id"))
    for index, milestone in enumerate(timeline.milestones):
        loader.define("milestone", milestone.id, document, ("milestones", index, "id"))
    for group, items, depends_on in (
        ("events", timeline.events, lambda event: (event.rule.after,) if event.rule.after else ()),
        ("milestones", timeline.milestones, lambda milestone: milestone.counted_from()),
        ("milestones", timeline.milestones, lambda milestone: milestone.after),
    ):
        loop = find_cycle(items, depends_on)
        if loop:
            index = next(i for i, item in enumerate(items) if item.id == loop[0])
            mark = document.mark((group, index, "id"))
            loader.errors.add(SourceError(
                document.file, mark.line, mark.col, format_path((group, index)),
                message="these depend on each other in a loop: " + " -> ".join(loop),
            ))
    seen_years: dict[int, int] = {}
    for index, cycle in enumerate(timeline.cycles):
        if cycle.match in seen_years:
            mark = document.mark(("cycles", index, "match"))
            loader.errors.add(SourceError(
                document.file, mark.line, mark.col, format_path(("cycles", index, "match")),
                message=f"cycle {cycle.match} is already listed (cycles[{seen_years[cycle.match]}])",
            ))
        seen_years.setdefault(cycle.match, index)
        events = [entry.event for entry in cycle.published]
        for position, event in enumerate(events):
            if event in events[:position]:
                mark = document.mark(("cycles", index, "published", position, "event"))
                loader.errors.add(SourceError(
                    document.file, mark.line, mark.col, format_path(("cycles", index, "published", position, "event")),
                    message=f"'{event}' already has a published date in this cycle",
                ))
    return timeline


def _read_folder(loader: ContentLoader, folder: str, kind: str) -> dict[str, tuple[Any, YamlDocument]]:
    """content/<folder>/<id>.yml, one item each: id -> (item, document). A file's name is
    its id, so references to it resolve even when the file itself is broken."""
    found: dict[str, tuple[Any, YamlDocument]] = {}
    for path in loader.folder(f"{CONTENT_DIR}/{folder}"):
        loader.claimed.setdefault(kind, set()).add(path.stem)
        item, document = loader.read(path, FILE_TYPES[kind])
        if item is INVALID:
            continue
        _check_file_name(loader, path, item.id, document)
        loader.define(kind, item.id, document, ("id",))
        found.setdefault(item.id, (item, document))
    return found


def _check_file_name(loader: ContentLoader, path: Path, item_id: str, document: YamlDocument) -> None:
    if path.stem != item_id:
        mark = document.mark(("id",))
        loader.errors.add(SourceError(
            document.file, mark.line, mark.col, "id",
            expected=f"the file name without .yml ('{path.stem}')", got=repr(item_id),
            message="rename the file or the id",
        ))


def _check_sources_cited(loader: ContentLoader, sources: tuple[Source, ...], document: YamlDocument) -> None:
    """Every source must be cited by something (a claim, cost, checklist item, question...):
    an uncited source is never shown with a claim, so nobody keeps it up to date. Checked
    only when everything else is valid: a file that failed, or a citation being fixed, may
    be what cites it."""
    cited = {target for kind, target, _, _ in loader.all_references() if kind == "source"}
    for index, source in enumerate(sources):
        if source.id not in cited:
            mark = document.mark((index, "id"))
            loader.errors.add(SourceError(
                document.file, mark.line, mark.col, format_path((index, "id")),
                message=f"source '{source.id}' is not cited by any claim, cost, checklist item or "
                        "question: cite it or remove it",
            ))


def _check_step_sources(loader: ContentLoader, step: Step, document: YamlDocument,
                        registry: dict[str, Source]) -> None:
    """A step page needs at least two sources, at least one of them official."""
    cited = [registry[source_id] for source_id in step.source_ids() if source_id in registry]
    mark = document.mark(())
    if len(cited) < 2:
        loader.errors.add(SourceError(
            document.file, mark.line, mark.col, "sources",
            expected="at least 2 different sources cited on the page", got=str(len(cited)),
        ))
    elif not any(source.official for source in cited):
        loader.errors.add(SourceError(
            document.file, mark.line, mark.col, "sources",
            message="cite at least one official source (ECFMG, USMLE, AAMC, NRMP, State Department...)",
        ))


__all__ = ["load_content", "ContentError", "ContentLoader", "RESERVED_PAGE_IDS"]
