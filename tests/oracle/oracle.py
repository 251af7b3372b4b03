#!/usr/bin/env python3
"""Independent reference implementation (test oracle) of the sales data-cleaning contract.

Reads a whole CSV into memory, cleans every row with the 13 checks of SPEC section 2 in order,
deduplicates in file order, and writes every table of SPEC section 3 as CSV. It favours being
obviously correct over being fast: it is meant for files of a few thousand rows.

    python3 tests/oracle/oracle.py INPUT.csv --out DIR --lookups L.json
        [--reference-date YYYY-MM-DD] [--map COL=HEADER]... [--set COL=VALUE]...
        [--null-tokens "A,B,C"] [--delimiter X]

Standard library only. The choices SPEC.md leaves open follow README.md "Cleaning rules".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# --------------------------------------------------------------------------------------------
# Contract constants
# --------------------------------------------------------------------------------------------

CONTRACT_COLUMNS = [
    "order_id", "product_name", "category", "quantity", "unit_price",
    "discount_percent", "region", "sale_date", "customer_email", "revenue",
]
REQUIRED_COLUMNS = ["order_id", "product_name", "category", "quantity", "unit_price", "region", "sale_date"]

REASONS = [
    "malformed_row",
    "missing_order_id",
    "missing_product_name",
    "invalid_quantity",
    "zero_quantity",
    "invalid_unit_price",
    "invalid_discount",
    "invalid_sale_date",
    "sale_date_out_of_range",
    "unknown_category",
    "unknown_region",
    "invalid_calculated_revenue",
    "duplicate_order_id",
]

DEFAULT_NULL_TOKENS = ["NA", "N/A", "null", "none", "nan", "-"]

NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}

# JavaScript's String.prototype.trim and /\s/ both use exactly this set (WhiteSpace + LineTerminator).
# Python's str.strip() differs (it includes U+001C..U+001F and U+0085, excludes U+FEFF).
JS_WHITESPACE = (
    "\t\n\u000b\u000c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
JS_WS_CLASS = "[" + re.escape(JS_WHITESPACE) + "]"
JS_WS_RUN = re.compile(JS_WS_CLASS + "+")

# Regexes copied from README "Cleaning rules" / SPEC. [0-9] (never \d) and fullmatch (never $).
RE_QUANTITY = re.compile(r"\+?[0-9]+(\.0*)?")
RE_PRICE_A = re.compile(r"[$€£]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?")
RE_PRICE_B = re.compile(r"[$€£]?\.[0-9]+")
RE_DISCOUNT_RATIO = re.compile(r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+))")
RE_DISCOUNT_PERCENT = re.compile(r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)) *%")
RE_EMAIL = re.compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}")
RE_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)")

_HH = r"([01][0-9]|2[0-3])"
_MS = r"[0-5][0-9]"
_TIME = (
    _HH + ":" + _MS + "(:" + _MS + r"(\.[0-9]+)?)?"      # HH:MM, HH:MM:SS, HH:MM:SS.fraction
    + "(Z|[+-]" + _HH + "(:?" + _MS + ")?)?"             # Z, +HH:MM, +HHMM, +HH
)
_OPT_TIME = "([T ]" + _TIME + ")?"
# (regex, meaning of the first three groups)
DATE_FORMATS = [
    (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})" + _OPT_TIME), ("y", "m", "d")),   # YYYY-MM-DD
    (re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{4})" + _OPT_TIME), ("m", "d", "y")),   # MM/DD/YYYY
    (re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})" + _OPT_TIME), ("d", "m", "y")),   # DD-MM-YYYY
    (re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})" + _OPT_TIME), ("y", "m", "d")),   # YYYY/MM/DD
]

MAX_SAFE_INTEGER = 2 ** 53 - 1
EPOCH = dt.date(1970, 1, 1)


class InputError(Exception):
    """Bad input that stops the job (exit code 2)."""


# --------------------------------------------------------------------------------------------
# Small pure helpers
# --------------------------------------------------------------------------------------------

def js_trim(s: str) -> str:
    """JavaScript String.prototype.trim."""
    return s.strip(JS_WHITESPACE)


def round_js(x: float) -> int:
    """JavaScript Math.round: nearest integer, ties toward +infinity, computed exactly.

    (math.floor(x + 0.5) is the same except for a few doubles such as 0.49999999999999994,
    where the addition itself rounds.)
    """
    f = math.floor(x)
    return f + 1 if (x - f) >= 0.5 else f  # x - floor(x) is exact for doubles


def key(s: str) -> str:
    """Matching key: NFKD, combining marks (Unicode category M*) dropped, lower case,
    '&' -> ' and ', everything outside [a-z0-9] -> space, spaces collapsed, trimmed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.category(c).startswith("M"))
    s = s.lower()
    s = s.replace("&", " and ")
    s = "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else " " for c in s)
    return re.sub(" +", " ", s).strip(" ")


def levenshtein(a: str, b: str) -> int:
    """Plain dynamic-programming edit distance (insert, delete, substitute all cost 1)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[len(b)]


def normalise_header(h: str) -> str:
    """lower case, trimmed, runs of whitespace / '-' / '.' become '_'."""
    return re.sub("(" + JS_WS_CLASS + r"|[-.])+", "_", js_trim(h.lower()))


def half_up(frac: Fraction, places: int) -> int:
    """frac (>= 0) * 10**places rounded half up, as an integer."""
    scaled = frac * (10 ** places)
    return math.floor(scaled + Fraction(1, 2))


def fmt_fixed(n: int, places: int) -> str:
    """Integer n meaning n / 10**places, printed with exactly `places` decimals."""
    sign = "-" if n < 0 else ""
    n = abs(n)
    if places == 0:
        return sign + str(n)
    q, r = divmod(n, 10 ** places)
    return f"{sign}{q}.{r:0{places}d}"


def fmt_money(cents: int) -> str:
    return fmt_fixed(cents, 2)


def fmt_ratio(frac: Fraction) -> str:
    return fmt_fixed(half_up(frac, 4), 4)


def fmt_units(units: int) -> str:
    """A discount held as integer units of 1e-8, printed as a ratio with 4 decimals."""
    return fmt_ratio(Fraction(units, 10 ** 8))


def js_to_fixed_2(x: float) -> str:
    """JavaScript Number.prototype.toFixed(2) for 0 <= x < 1e21: half up on the exact binary value."""
    return str(Decimal(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def shift_years(d: dt.date, years: int) -> dt.date:
    """Same month and day `years` later; 29 February becomes 28 February where it does not exist."""
    y = d.year + years
    try:
        return d.replace(year=y)
    except ValueError:
        return dt.date(y, 2, 28)


# --------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------

def decode_bytes(data: bytes, encoding: str) -> str:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if len(data) == 0:
        raise InputError("the file is empty")
    if data[:2] == b"\xff\xfe":
        return data[2:].decode("utf-16-le")
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be")
    enc = encoding.lower().replace("_", "-")
    if enc in ("utf-8", "utf8"):
        if data[:3] == b"\xef\xbb\xbf":
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"invalid UTF-8 at byte offset {e.start}; choose windows-1252 or latin-1") from None
    if enc in ("windows-1252", "cp1252"):
        # WHATWG windows-1252: the five bytes cp1252 leaves undefined map to the same code point.
        return "".join(
            bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
            for b in data
        )
    if enc in ("latin-1", "latin1", "iso-8859-1"):
        return data.decode("latin-1")
    raise InputError(f"unknown encoding {encoding}")


def first_line_outside_quotes(text: str) -> str:
    """The first non-blank line of the text, a line ending only at an LF outside quotes."""
    in_quotes = False
    start = 0
    for i, c in enumerate(text):
        if c == '"':
            in_quotes = not in_quotes
        elif c == "\n" and not in_quotes:
            line = text[start:i]
            if js_trim(line) != "":
                return line
            start = i + 1
    return text[start:]


def detect_delimiter(header_line: str) -> str:
    counts = {d: 0 for d in [",", ";", "\t", "|"]}
    in_quotes = False
    for c in header_line:
        if c == '"':
            in_quotes = not in_quotes
        elif not in_quotes and c in counts:
            counts[c] += 1
    best = ","
    best_n = 0
    for d in [",", ";", "\t", "|"]:  # ties go to the earlier one: strictly greater only
        if counts[d] > best_n:
            best, best_n = d, counts[d]
    return best


def is_blank_record(rec: list[str]) -> bool:
    return len(rec) == 0 or (len(rec) == 1 and js_trim(rec[0]) == "")


def read_records(text: str, delimiter: str) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter, quotechar='"', doublequote=True, strict=False,
        skipinitialspace=False, escapechar=None,
    )
    return [list(r) for r in reader]


# --------------------------------------------------------------------------------------------
# Lookups and matching
# --------------------------------------------------------------------------------------------

@dataclass
class Vocabulary:
    canon: list[str]
    mapping: list[tuple[str, str]]  # (raw, target) in file order


@dataclass
class Lookups:
    categories: Vocabulary
    regions: Vocabulary
    products: Vocabulary


def load_lookups(path: str) -> Lookups:
    with open(path, encoding="utf-8") as f:
        j = json.load(f)

    def vocab(canon_key: str, map_key: str) -> Vocabulary:
        return Vocabulary(list(j.get(canon_key, [])), list(j.get(map_key, {}).items()))

    return Lookups(
        vocab("categories", "category_map"),
        vocab("regions", "region_map"),
        vocab("products", "product_map"),
    )


def match(raw_trimmed: str, vocab: Vocabulary, fuzzy_max: int) -> str | None:
    """Canonical value for a trimmed, non-null cell, or None when unknown."""
    k = key(raw_trimmed)
    if raw_trimmed == "" or k == "":
        return None
    # 1. the map, by key(raw); the first entry with that key wins
    for map_raw, target in vocab.mapping:
        if key(map_raw) == k:
            if target == "UNKNOWN":
                return None
            tk = key(target)
            for c in vocab.canon:
                if key(c) == tk:
                    return c
            return target
    # 2. a canonical value with the same key; the first listed wins
    for c in vocab.canon:
        if key(c) == k:
            return c
    # 3. the nearest canonical value within fuzzy_max; ties to the first listed
    if fuzzy_max > 0:
        best = None
        best_d = None
        for c in vocab.canon:
            d = levenshtein(k, key(c))
            if best_d is None or d < best_d:
                best, best_d = c, d
        if best is not None and best_d <= fuzzy_max:
            return best
    return None


# --------------------------------------------------------------------------------------------
# Options
# --------------------------------------------------------------------------------------------

@dataclass
class Options:
    reference_date: dt.date
    null_tokens: list[str] = field(default_factory=lambda: list(DEFAULT_NULL_TOKENS))
    price_max: float = 50000.0
    revenue_max: float = 1000000.0
    fuzzy_max_distance: int = 2
    heavy_discount_threshold: float = 0.8
    top_n: int = 10
    anomaly_top_n: int = 5
    drop_zero_quantity: bool = True
    discount_out_of_range: str = "reject"  # or "clamp"
    max_field_bytes: int = 1024 * 1024


# --------------------------------------------------------------------------------------------
# Column resolution
# --------------------------------------------------------------------------------------------

@dataclass
class ColumnPlan:
    index: dict[str, int]      # contract column -> header index
    constants: dict[str, str]  # contract column -> constant value (--set)


def resolve_columns(header: list[str], maps: list[tuple[str, str]], sets: list[tuple[str, str]]) -> ColumnPlan:
    index: dict[str, int] = {}
    norm = [normalise_header(h) for h in header]
    for i, n in enumerate(norm):
        if n in CONTRACT_COLUMNS:
            if n in index:
                print(f"oracle: header {header[i]!r} also names {n}; the first one ({header[index[n]]!r}) is used",
                      file=sys.stderr)
            else:
                index[n] = i
    for col, want in maps:
        if col not in CONTRACT_COLUMNS:
            raise InputError(f"--map: {col!r} is not a contract column")
        found = next((i for i, h in enumerate(header) if h == want), None)
        if found is None:
            nw = normalise_header(want)
            found = next((i for i, n in enumerate(norm) if n == nw), None)
        if found is None:
            raise InputError(f"--map {col}={want}: no such header; found {header}")
        index[col] = found
    constants: dict[str, str] = {}
    for col, value in sets:
        if col not in CONTRACT_COLUMNS:
            raise InputError(f"--set: {col!r} is not a contract column")
        constants[col] = value
        index.pop(col, None)
    missing = [c for c in REQUIRED_COLUMNS if c not in index and c not in constants]
    if missing:
        raise InputError(f"missing required columns: {', '.join(missing)}; header found: {header}")
    return ColumnPlan(index, constants)


# --------------------------------------------------------------------------------------------
# Cleaning one row
# --------------------------------------------------------------------------------------------

@dataclass
class Clean:
    row_number: int
    order_id: str
    product_name: str
    category: str
    quantity: int
    unit_price: float
    discount: float
    units: int  # discount in integer units of 1e-8
    region: str
    sale_date: dt.date
    sale_ts: int
    customer_email: str
    revenue_cents: int
    anomaly_flag: str
    invalid_email: bool
    unmatched_product: bool
    raw: dict[str, str]  # raw cells as read, for category / region / product_name


def parse_quantity(v: str) -> int | None:
    if RE_QUANTITY.fullmatch(v):
        digits = v.lstrip("+").split(".")[0]
        q = int(digits)
        return q if q <= MAX_SAFE_INTEGER else None
    w = v.lower()
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    return None


def parse_price(v: str) -> float | None:
    if not (RE_PRICE_A.fullmatch(v) or RE_PRICE_B.fullmatch(v)):
        return None
    s = v.lstrip("$€£").replace(",", "")
    return float(s)


def parse_discount(v: str, opts: Options) -> float | None:
    """None = invalid. Blank is handled by the caller."""
    m = RE_DISCOUNT_RATIO.fullmatch(v)
    if m:
        d = float(m.group(1))
    else:
        m = RE_DISCOUNT_PERCENT.fullmatch(v)
        if not m:
            return None
        d = float(m.group(1)) / 100
    if d < 0 or d > 1:
        if opts.discount_out_of_range == "clamp":
            return 0.0 if d < 0 else 1.0
        return None
    return d


def parse_date(v: str) -> dt.date | None:
    """One of the four formats, optionally followed by 'T' or ' ' and an ISO time (dropped)."""
    for rx, order in DATE_FORMATS:
        m = rx.fullmatch(v)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()[:3])))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None  # 2023-02-30, month 13, year 0000
    return None


def clean_rows(header: list[str], records: list[list[str]], plan: ColumnPlan, lookups: Lookups,
               opts: Options, delimiter: str):
    """Returns (accepted: list[Clean], rejected: list[(row_number, reason, cells, extra)], rows_read)."""
    nulls = {t.lower() for t in opts.null_tokens}
    lo = shift_years(opts.reference_date, -20)
    hi = shift_years(opts.reference_date, 1)
    accepted: list[Clean] = []
    rejected: list[tuple[int, str, list[str], str]] = []
    seen_ids: set[str] = set()
    n = len(header)
    row_number = 0

    for rec in records:
        if is_blank_record(rec):
            continue
        row_number += 1

        def reject(reason: str):
            cells = rec[:n] + [""] * max(0, n - len(rec))
            extra = delimiter.join(rec[n:]) if len(rec) > n else ""
            rejected.append((row_number, reason, cells, extra))

        # 1. malformed_row
        if len(rec) != n or any(len(c.encode("utf-8")) > opts.max_field_bytes for c in rec):
            reject("malformed_row")
            continue

        def raw(col: str) -> str | None:
            if col in plan.constants:
                return plan.constants[col]
            if col in plan.index:
                return rec[plan.index[col]]
            return None

        def val(col: str) -> str:
            """Trimmed value; '' when missing, blank or a null token."""
            r = raw(col)
            if r is None:
                return ""
            t = js_trim(r)
            return "" if t.lower() in nulls else t

        # 2. order id
        oid = val("order_id")
        if oid == "":
            reject("missing_order_id")
            continue
        oid = oid.upper()
        # 3. product name
        pname_raw = val("product_name")
        if pname_raw == "":
            reject("missing_product_name")
            continue
        # 4-5. quantity
        q = parse_quantity(val("quantity"))
        if q is None:
            reject("invalid_quantity")
            continue
        if q == 0 and opts.drop_zero_quantity:
            reject("zero_quantity")
            continue
        # 6. unit price
        p = parse_price(val("unit_price"))
        if p is None or not (0 <= p <= opts.price_max):
            reject("invalid_unit_price")
            continue
        # 7. discount
        dv = val("discount_percent")
        d = 0.0 if dv == "" else parse_discount(dv, opts)
        if d is None:
            reject("invalid_discount")
            continue
        # 8-9. sale date
        sd = parse_date(val("sale_date"))
        if sd is None:
            reject("invalid_sale_date")
            continue
        if sd < lo or sd > hi:
            reject("sale_date_out_of_range")
            continue
        # 10-11. category, region
        cat = match(val("category"), lookups.categories, opts.fuzzy_max_distance)
        if cat is None:
            reject("unknown_category")
            continue
        reg = match(val("region"), lookups.regions, opts.fuzzy_max_distance)
        if reg is None:
            reject("unknown_region")
            continue
        # 12. revenue, IEEE doubles multiplied left to right
        revenue_cents = round_js(float(q) * p * (1 - d) * 100)
        rev = revenue_cents / 100
        if rev < 0 or rev > opts.revenue_max:
            reject("invalid_calculated_revenue")
            continue
        # 13. duplicate
        if oid in seen_ids:
            reject("duplicate_order_id")
            continue
        seen_ids.add(oid)

        # accepted: the remaining values
        prod = match(pname_raw, lookups.products, opts.fuzzy_max_distance)
        unmatched = prod is None
        if unmatched:
            prod = JS_WS_RUN.sub(" ", pname_raw)
        email_v = val("customer_email")
        email = email_v.lower()
        invalid_email = False
        if email != "" and not RE_EMAIL.fullmatch(email):
            email = ""
            invalid_email = True
        accepted.append(Clean(
            row_number=row_number, order_id=oid, product_name=prod, category=cat, quantity=q,
            unit_price=p, discount=d, units=round_js(d * 1e8), region=reg, sale_date=sd,
            sale_ts=(sd - EPOCH).days * 86400, customer_email=email, revenue_cents=revenue_cents,
            anomaly_flag="heavy_discount" if d > opts.heavy_discount_threshold else "",
            invalid_email=invalid_email, unmatched_product=unmatched,
            raw={"category": raw("category") or "", "region": raw("region") or "",
                 "product_name": raw("product_name") or ""},
        ))
    return accepted, rejected, row_number


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

class Agg:
    def __init__(self):
        self.orders = 0
        self.quantity = 0
        self.cents = 0
        self.units = 0
        self.min_units = None
        self.max_units = None
        self.heavy = 0

    def add(self, r: Clean):
        self.orders += 1
        self.quantity += r.quantity
        self.cents += r.revenue_cents
        self.units += r.units
        self.min_units = r.units if self.min_units is None else min(self.min_units, r.units)
        self.max_units = r.units if self.max_units is None else max(self.max_units, r.units)
        self.heavy += 1 if r.anomaly_flag else 0

    def avg_discount(self) -> str:
        return fmt_ratio(Fraction(self.units, self.orders * 10 ** 8))

    def avg_order_value(self) -> str:
        return fmt_money(half_up(Fraction(self.cents, self.orders), 0))


def group(rows: list[Clean], keyf) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(keyf(r), Agg()).add(r)
    return out


def month_of(r: Clean) -> str:
    return f"{r.sale_date.year:04d}-{r.sale_date.month:02d}"


def cleaned_columns(r: Clean) -> list:
    return [
        r.order_id, r.product_name, r.category, str(r.quantity), js_to_fixed_2(r.unit_price),
        fmt_units(r.units), r.region, r.sale_date.isoformat(), str(r.sale_ts), r.customer_email, fmt_money(r.revenue_cents), r.anomaly_flag,
    ]


CLEANED_HEADER = ["order_id", "product_name", "category", "quantity", "unit_price", "discount_percent",
                  "region", "sale_date", "sale_ts", "customer_email", "revenue", "anomaly_flag"]
REJECTED_ROWS_TEXT = object()  # marker: rejected_rows columns are the input's own, all text
CLEANED_TEXT = {"order_id", "product_name", "category", "region", "customer_email", "anomaly_flag"}


def build_tables(header, accepted: list[Clean], rejected, rows_read: int, opts: Options):
    """Returns {table name: (columns, names of its text columns, rows)}."""
    T = {}

    # monthly_sales
    g = group(accepted, month_of)
    T["monthly_sales"] = (
        ["month", "orders", "quantity", "revenue", "avg_discount", "avg_order_value"], set(),
        [[m, a.orders, a.quantity, fmt_money(a.cents), a.avg_discount(), a.avg_order_value()]
         for m, a in sorted(g.items())],
    )

    # region_performance
    total_cents = sum(r.revenue_cents for r in accepted)
    g = group(accepted, lambda r: r.region)
    rows = sorted(g.items(), key=lambda kv: (-kv[1].cents, kv[0]))
    T["region_performance"] = (
        ["region", "orders", "quantity", "revenue", "avg_discount", "avg_order_value", "revenue_share"],
        {"region"},
        [[k, a.orders, a.quantity, fmt_money(a.cents), a.avg_discount(), a.avg_order_value(),
          fmt_ratio(Fraction(a.cents, total_cents)) if total_cents else "0.0000"] for k, a in rows],
    )

    # product_performance, top_products, top_products_by_units
    g = group(accepted, lambda r: r.product_name)
    by_rev = sorted(g.items(), key=lambda kv: (-kv[1].cents, kv[0]))
    by_qty = sorted(g.items(), key=lambda kv: (-kv[1].quantity, kv[0]))
    T["product_performance"] = (
        ["product_name", "orders", "quantity", "revenue", "avg_discount"], {"product_name"},
        [[k, a.orders, a.quantity, fmt_money(a.cents), a.avg_discount()] for k, a in by_rev],
    )
    top_cols = ["rank", "product_name", "orders", "quantity", "revenue"]
    T["top_products"] = (top_cols, {"product_name"},
                         [[i, k, a.orders, a.quantity, fmt_money(a.cents)]
                          for i, (k, a) in enumerate(by_rev[:opts.top_n], 1)])
    T["top_products_by_units"] = (top_cols, {"product_name"},
                                  [[i, k, a.orders, a.quantity, fmt_money(a.cents)]
                                   for i, (k, a) in enumerate(by_qty[:opts.top_n], 1)])

    # category_discount_map
    g = group(accepted, lambda r: r.category)
    T["category_discount_map"] = (
        ["category", "orders", "revenue", "avg_discount", "min_discount", "max_discount",
         "heavy_discount_orders"], {"category"},
        [[k, a.orders, fmt_money(a.cents), a.avg_discount(), fmt_units(a.min_units), fmt_units(a.max_units),
          a.heavy] for k, a in sorted(g.items())],
    )

    # category_month_discount
    g = group(accepted, lambda r: (r.category, month_of(r)))
    T["category_month_discount"] = (
        ["category", "month", "orders", "avg_discount"], {"category"},
        [[c, m, a.orders, a.avg_discount()] for (c, m), a in sorted(g.items())],
    )

    # anomaly_records
    top = sorted(accepted, key=lambda r: (-r.revenue_cents, r.product_name, r.row_number))[:opts.anomaly_top_n]
    T["anomaly_records"] = (
        ["row_number"] + CLEANED_HEADER + ["reason"], CLEANED_TEXT | {"reason"},
        [[r.row_number] + cleaned_columns(r) + ["top_revenue"] for r in top],
    )

    # quality_report
    counts = {reason: 0 for reason in REASONS}
    for _, reason, _, _ in rejected:
        counts[reason] += 1
    q = [["rows_read", rows_read], ["rows_accepted", len(accepted)], ["rows_rejected", len(rejected)]]
    q += [[f"rejected.{reason}", counts[reason]] for reason in REASONS]
    q += [
        ["invalid_email", sum(r.invalid_email for r in accepted)],
        ["unmatched_product", sum(r.unmatched_product for r in accepted)],
        ["heavy_discount", sum(1 for r in accepted if r.anomaly_flag)],
    ]
    for f in ("category", "region", "product_name"):
        q.append([f"corrected.{f}", sum(1 for r in accepted if r.raw[f] != getattr(r, f))])
    q.append(["success_rate", fmt_ratio(Fraction(len(accepted), rows_read)) if rows_read else "0.0000"])
    T["quality_report"] = (["metric", "value"], {"metric"}, q)

    # corrections
    corr: dict[tuple[str, str, str], int] = {}
    for r in accepted:
        for f in ("category", "region", "product_name"):
            if r.raw[f] != getattr(r, f):
                k = (f, r.raw[f], getattr(r, f))
                corr[k] = corr.get(k, 0) + 1
    T["corrections"] = (
        ["field", "raw_value", "canonical_value", "rows"], {"field", "raw_value", "canonical_value"},
        [[f, rv, cv, n] for (f, rv, cv), n in sorted(corr.items(), key=lambda kv: (-kv[1], kv[0]))],
    )

    # rejected_rows: columns named by the input's own header cells; guard by position
    rej_cols = ["row_number", "rejection_reason"] + list(header) + ["extra_fields"]
    T["rejected_rows"] = (
        rej_cols, REJECTED_ROWS_TEXT,
        [[rn, reason] + cells + [extra] for rn, reason, cells, extra in rejected],
    )

    # cleaned_rows
    T["cleaned_rows"] = (
        ["row_number"] + CLEANED_HEADER, CLEANED_TEXT,
        [[r.row_number] + cleaned_columns(r) for r in accepted],
    )
    return T


# --------------------------------------------------------------------------------------------
# Writing CSV
# --------------------------------------------------------------------------------------------

def guard(v: str) -> str:
    """Spreadsheet formula guard for text cells."""
    if v and v[0] in "=+-@\t\r" and not RE_PLAIN_NUMBER.fullmatch(v):
        return "'" + v
    return v


def quote(v: str) -> str:
    if any(c in v for c in '",\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def write_table(path: str, columns: list[str], is_text: list[bool], rows: list[list],
                guard_header: bool = False) -> None:
    """CSV with ',' and CRLF after every row. Text cells get the formula guard; numeric cells never.
    guard_header: also guard the header cells of text columns (rejected_rows, whose header holds
    the input's own header cells)."""
    hdr = [guard(c) if (guard_header and is_text[i]) else c for i, c in enumerate(columns)]
    out = [",".join(quote(c) for c in hdr) + "\r\n"]
    for row in rows:
        assert len(row) == len(columns)
        cells = []
        for i, v in enumerate(row):
            s = str(v)
            if is_text[i]:
                s = guard(s)
            cells.append(quote(s))
        out.append(",".join(cells) + "\r\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(out))


# --------------------------------------------------------------------------------------------
# Top level
# --------------------------------------------------------------------------------------------

def run(input_path: str, out_dir: str, lookups_path: str, opts: Options,
        maps: list[tuple[str, str]], sets: list[tuple[str, str]], delimiter: str | None,
        encoding: str = "utf-8") -> dict:
    with open(input_path, "rb") as f:
        data = f.read()
    text = decode_bytes(data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if js_trim(text) == "":
        raise InputError("the file is empty")
    delim = delimiter if delimiter else detect_delimiter(first_line_outside_quotes(text))
    records = read_records(text, delim)
    while records and is_blank_record(records[0]):
        records.pop(0)
    if not records:
        raise InputError("the file is empty")
    header, body = records[0], records[1:]
    plan = resolve_columns(header, maps, sets)
    lookups = load_lookups(lookups_path)
    accepted, rejected, rows_read = clean_rows(header, body, plan, lookups, opts, delim)
    tables = build_tables(header, accepted, rejected, rows_read, opts)
    os.makedirs(out_dir, exist_ok=True)
    for name, (cols, text_cols, rows) in tables.items():
        if text_cols is REJECTED_ROWS_TEXT:  # every column but row_number is text
            is_text = [i > 0 for i in range(len(cols))]
            write_table(os.path.join(out_dir, name + ".csv"), cols, is_text, rows, guard_header=True)
        else:
            is_text = [c in text_cols for c in cols]
            write_table(os.path.join(out_dir, name + ".csv"), cols, is_text, rows)
    return {"delimiter": delim, "rows_read": rows_read, "accepted": len(accepted), "rejected": len(rejected)}


def parse_assignment(s: str, flag: str) -> tuple[str, str]:
    if "=" not in s:
        raise InputError(f"{flag} takes COL=VALUE, got {s!r}")
    col, value = s.split("=", 1)
    return col.strip(), value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Reference oracle for the sales cleaning contract")
    ap.add_argument("input")
    ap.add_argument("--out", required=True)
    ap.add_argument("--lookups", required=True)
    ap.add_argument("--reference-date")
    ap.add_argument("--map", action="append", default=[])
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--null-tokens")
    ap.add_argument("--delimiter")
    ap.add_argument("--encoding", default="utf-8")
    # contract options beyond the brief's flags (defaults are SPEC's)
    ap.add_argument("--price-max", type=float, default=50000.0)
    ap.add_argument("--revenue-max", type=float, default=1000000.0)
    ap.add_argument("--fuzzy-max-distance", type=int, default=2)
    ap.add_argument("--heavy-discount-threshold", type=float, default=0.8)
    ap.add_argument("--top-n", type=int, default=10)
    ap.add_argument("--anomaly-top-n", type=int, default=5)
    ap.add_argument("--keep-zero-quantity", action="store_true")
    ap.add_argument("--discount-out-of-range", choices=["reject", "clamp"], default="reject")
    ap.add_argument("--max-field-bytes", type=int, default=1024 * 1024)
    a = ap.parse_args(argv)
    try:
        ref = dt.date.fromisoformat(a.reference_date) if a.reference_date else dt.date.today()
        opts = Options(
            reference_date=ref,
            price_max=a.price_max, revenue_max=a.revenue_max, fuzzy_max_distance=a.fuzzy_max_distance,
            heavy_discount_threshold=a.heavy_discount_threshold, top_n=a.top_n,
            anomaly_top_n=a.anomaly_top_n, drop_zero_quantity=not a.keep_zero_quantity,
            discount_out_of_range=a.discount_out_of_range, max_field_bytes=a.max_field_bytes,
        )
        if a.null_tokens is not None:
            opts.null_tokens = [t for t in (js_trim(x) for x in a.null_tokens.split(",")) if t != ""]
        delim = a.delimiter
        if delim is not None:
            delim = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delim, delim)
        maps = [parse_assignment(m, "--map") for m in a.map]
        sets = [parse_assignment(s, "--set") for s in a.set]
        info = run(a.input, a.out, a.lookups, opts, maps, sets, delim, a.encoding)
    except (InputError, UnicodeDecodeError, ValueError, OSError) as e:
        print(f"oracle: {e}", file=sys.stderr)
        return 2
    print(f"oracle: {info['rows_read']} rows read, {info['accepted']} accepted, {info['rejected']} rejected "
          f"(delimiter {info['delimiter']!r})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
