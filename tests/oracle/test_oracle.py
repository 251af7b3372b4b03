"""Hand-computed cases for the oracle. Run: python3 -m unittest discover -s tests/oracle"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import tempfile
import unittest
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle as o  # noqa: E402

LOOKUPS = {
    "categories": ["Toys", "Tools", "Home & Kitchen", "Bakery"],
    "regions": ["North America", "Europe"],
    "products": ["Crème Brûlée", "Widget", "Gadget"],
    "category_map": {"Kitchen": "home and kitchen", "Food": "UNKNOWN"},
    "region_map": {"N. America": "North America", "EMEA": "UNKNOWN"},
    "product_map": {"gizmo": "Gadget"},
}
HEADER = "order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email\n"


def good(oid="A1", product="Widget", category="Toys", qty="1", price="10.00", disc="", region="Europe",
         date="2024-01-15", email="a@example.com") -> str:
    cells = [oid, product, category, qty, price, disc, region, date, email]
    return ",".join(o.quote(c) for c in cells) + "\n"


def run(text: str | bytes, lookups=None, ref="2024-06-30", maps=(), sets=(), **opt) -> dict:
    """Runs the oracle on `text`; returns {table: list of rows (header included)} plus raw bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = os.path.join(tmp, "in.csv")
        with open(inp, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
        lk = os.path.join(tmp, "lookups.json")
        with open(lk, "w", encoding="utf-8") as f:
            json.dump(lookups or LOOKUPS, f)
        opts = o.Options(reference_date=dt.date.fromisoformat(ref), **opt)
        out = os.path.join(tmp, "out")
        o.run(inp, out, lk, opts, list(maps), list(sets), None)
        res = {}
        for name in os.listdir(out):
            with open(os.path.join(out, name), "rb") as f:
                data = f.read()
            res[name[:-4] + ".bytes"] = data
            res[name[:-4]] = list(csv.reader(data.decode("utf-8").splitlines(True)))
        return res


def quality(res) -> dict:
    return {m: v for m, v in res["quality_report"][1:]}


def reasons(res) -> list[str]:
    return [r[1] for r in res["rejected_rows"][1:]]


class KeyAndDistance(unittest.TestCase):
    def test_key(self):
        cases = [
            ("Crème Brûlée", "creme brulee"),
            ("Cre\u0300me Bru\u0302le\u0301e", "creme brulee"),  # decomposed accents
            ("Home&Kitchen", "home and kitchen"),
            ("  Chef's   Knife!! ", "chef s knife"),
            ("USB-C\tCable\n", "usb c cable"),
            ("\ufb01ne", "fine"),  # NFKD splits the ligature
            ("???", ""),
            ("ÆON", "on"),  # Æ has no decomposition: it becomes a space
        ]
        for s, want in cases:
            self.assertEqual(o.key(s), want, s)

    def test_levenshtein(self):
        for a, b, want in [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("tols", "toys", 1),
                           ("tols", "tools", 1), ("eurpoe", "europe", 2)]:
            self.assertEqual(o.levenshtein(a, b), want, (a, b))

    def test_fuzzy_tie_goes_to_first_listed(self):
        toys_first = o.Vocabulary(["Toys", "Tools"], [])
        tools_first = o.Vocabulary(["Tools", "Toys"], [])
        self.assertEqual(o.match("Tols", toys_first, 2), "Toys")
        self.assertEqual(o.match("Tols", tools_first, 2), "Tools")
        self.assertEqual(o.match("Tool", toys_first, 2), "Tools")  # distance 1 vs 2
        self.assertIsNone(o.match("Tols", toys_first, 0))  # 0 turns fuzzy matching off

    def test_match_order(self):
        v = o.Vocabulary(["Home & Kitchen", "Bakery"], [("Kitchen", "home and kitchen"), ("Food", "UNKNOWN"),
                                                         ("Bakry", "Bakery")])
        self.assertEqual(o.match("KITCHEN", v, 2), "Home & Kitchen")  # target's key -> canonical spelling
        self.assertIsNone(o.match("food", v, 2))  # map to UNKNOWN wins over fuzzy
        self.assertEqual(o.match("home and kitchen", v, 2), "Home & Kitchen")
        self.assertEqual(o.match("Bakeryy", v, 2), "Bakery")
        self.assertIsNone(o.match("Bakeryyyy", v, 2))  # distance 3
        self.assertIsNone(o.match("!!", v, 2))  # key '' is unknown, no fuzzy


class Rounding(unittest.TestCase):
    def test_round_js(self):
        for x, want in [(2.5, 3), (-2.5, -2), (0.5, 1), (1.4999999999999998, 1), (0.49999999999999994, 0),
                        (454.74999999999994, 455), (-0.0, 0), (12.5, 13)]:
            self.assertEqual(o.round_js(x), want, x)

    def test_half_up_formats(self):
        self.assertEqual(o.fmt_ratio(Fraction(5, 100000)), "0.0001")  # 0.00005 -> up
        self.assertEqual(o.fmt_ratio(Fraction(49999, 1000000000)), "0.0000")
        self.assertEqual(o.fmt_ratio(Fraction(2, 3)), "0.6667")
        self.assertEqual(o.fmt_money(o.half_up(Fraction(25, 2), 0)), "0.13")  # 12.5 cents
        self.assertEqual(o.fmt_money(o.half_up(Fraction(49, 4), 0)), "0.12")  # 12.25 cents
        self.assertEqual(o.fmt_units(15000000), "0.1500")
        self.assertEqual(o.fmt_units(12345), "0.0001")  # 0.00012345
        self.assertEqual(o.fmt_units(4999), "0.0000")

    def test_to_fixed(self):
        for x, want in [(1.005, "1.00"), (2.675, "2.67"), (0.125, "0.13"), (0.005, "0.01"), (49999.995, "50000.00"),
                        (10.0, "10.00"), (0.0, "0.00")]:
            self.assertEqual(o.js_to_fixed_2(x), want, x)

    def test_revenue_and_averages(self):
        text = HEADER + good("A1", price="0.125") + good("A2", price="1.00", disc="0.1") + good("A3", price="1.00")
        res = run(text)
        revs = [r[11] for r in res["cleaned_rows"][1:]]
        self.assertEqual(revs, ["0.13", "0.90", "1.00"])  # 12.5 cents rounds up
        ms = res["monthly_sales"][1]
        # 3 orders, 203 cents; avg discount 0.1/3 = 0.0333..; avg order value 67.67 cents -> 0.68
        self.assertEqual(ms, ["2024-01", "3", "3", "2.03", "0.0333", "0.68"])


class Boundaries(unittest.TestCase):
    def test_price_max(self):
        res = run(HEADER + good("A1", price="50000") + good("A2", price="50000.01") + good("A3", price="$50,000.00"))
        self.assertEqual(reasons(res), ["invalid_unit_price"])
        self.assertEqual(res["rejected_rows"][1][0], "2")

    def test_revenue_max(self):
        res = run(HEADER + good("A1", qty="20", price="50000") + good("A2", qty="21", price="50000")
                  + good("A3", qty="21", price="50000", disc="5%"))
        self.assertEqual(reasons(res), ["invalid_calculated_revenue"])
        self.assertEqual([r[11] for r in res["cleaned_rows"][1:]], ["1000000.00", "997500.00"])

    def test_date_range(self):
        rows = [good("A1", date="2004-06-30"), good("A2", date="2004-06-29"), good("A3", date="2025-06-30"),
                good("A4", date="2025-07-01"), good("A5", date="06/30/2004T23:59:59Z")]
        res = run(HEADER + "".join(rows))
        self.assertEqual([r[0] for r in res["rejected_rows"][1:]], ["2", "4"])
        self.assertEqual(reasons(res), ["sale_date_out_of_range"] * 2)

    def test_date_range_feb_29(self):
        self.assertEqual(o.shift_years(dt.date(2024, 2, 29), 1), dt.date(2025, 2, 28))
        self.assertEqual(o.shift_years(dt.date(2024, 2, 29), -20), dt.date(2004, 2, 29))
        res = run(HEADER + good("A1", date="2025-02-28") + good("A2", date="2025-03-01"), ref="2024-02-29")
        self.assertEqual(reasons(res), ["sale_date_out_of_range"])
        self.assertEqual(res["rejected_rows"][1][0], "2")

    def test_date_formats(self):
        ok = ["2024-03-05", "03/05/2024", "05-03-2024", "2024/03/05", "2024-03-05T14:22:00Z", "2024-03-05 14:22",
              "2024-03-05T14:22:00.123+01:00", "2024-03-05T14:22:00-0500", "2024-03-05T14:22+05", "2024-02-29"]
        bad = ["2024-3-5", "2023-02-30", "2023-02-29", "2024-03-05T24:00", "2024-03-05T14:60", "2024-03-05t14:22",
               "2024-03-05T14:22:00 PM", "20240305", "0000-01-01", "2024-13-01", "2024-03-05T", "2024-03-05  14:22"]
        for v in ok:
            self.assertIsNotNone(o.parse_date(v), v)
        for v in bad:
            self.assertIsNone(o.parse_date(v), v)
        self.assertEqual(o.parse_date("05-03-2024"), dt.date(2024, 3, 5))  # DD-MM-YYYY
        self.assertEqual(o.parse_date("03/05/2024"), dt.date(2024, 3, 5))  # MM/DD/YYYY


class Values(unittest.TestCase):
    def test_quantity(self):
        for v, want in [("3", 3), ("3.0", 3), ("+3", 3), ("007", 7), ("3.", 3), ("Twelve", 12), ("TWENTY", 20),
                        ("zero", 0), ("2.5", None), ("-1", None), ("", None), ("many", None), ("twenty-one", None),
                        ("1,000", None), ("1e3", None), ("9007199254740991", 2 ** 53 - 1), ("9007199254740992", None),
                        ("٣", None)]:
            self.assertEqual(o.parse_quantity(v), want, v)

    def test_price(self):
        for v, want in [("$1,299.00", 1299.0), ("€12.50", 12.5), ("£3", 3.0), (".5", 0.5), ("10.", 10.0),
                        ("1,23", None), ("$-5", None), ("-5.00", None), ("1e3", None), ("$ 5", None), ("12,50", None),
                        ("1,234,567.5", 1234567.5)]:
            self.assertEqual(o.parse_price(v), want, v)

    def test_discount(self):
        opts = o.Options(reference_date=dt.date(2024, 6, 30))
        for v, want in [("15%", 0.15), ("15 %", 0.15), ("0.15", 0.15), (".5", 0.5), ("1", 1.0), ("100%", 1.0),
                        ("+0.1", 0.1), ("-0", 0.0), ("1.01", None), ("-0.1", None), ("ten", None), ("0,15", None)]:
            self.assertEqual(o.parse_discount(v, opts), want, v)
        clamp = o.Options(reference_date=dt.date(2024, 6, 30), discount_out_of_range="clamp")
        self.assertEqual(o.parse_discount("150%", clamp), 1.0)
        self.assertEqual(o.parse_discount("-0.2", clamp), 0.0)
        self.assertIsNone(o.parse_discount("lots", clamp))

    def test_heavy_discount_threshold(self):
        res = run(HEADER + good("A1", disc="80%") + good("A2", disc="81%") + good("A3", disc="0.8"))
        self.assertEqual([r[12] for r in res["cleaned_rows"][1:]], ["", "heavy_discount", ""])
        self.assertEqual(quality(res)["heavy_discount"], "1")

    def test_check_order_and_nulls(self):
        rows = [good("NA"), good("A2", product=" null "), good("A3", qty="0"), good("A4", qty="-"),
                good("A5", category="Food"), good("A6", region="EMEA"), good("A7", region="N/A"),
                good("A8", email="not an email"), good("A9", email="  Bob@Example.COM ")]
        res = run(HEADER + "".join(rows))
        self.assertEqual(reasons(res), ["missing_order_id", "missing_product_name", "zero_quantity",
                                        "invalid_quantity", "unknown_category", "unknown_region", "unknown_region"])
        cleaned = res["cleaned_rows"][1:]
        self.assertEqual([r[10] for r in cleaned], ["", "bob@example.com"])
        self.assertEqual(quality(res)["invalid_email"], "1")


class Dedup(unittest.TestCase):
    def test_first_occurrence_rejected_then_accepted(self):
        rows = [good("x-1", qty="many"), good(" X-1 ", qty="2"), good("X-1", qty="3"), good("x-2")]
        res = run(HEADER + "".join(rows))
        self.assertEqual(reasons(res), ["invalid_quantity", "duplicate_order_id"])
        self.assertEqual([(r[0], r[1], r[4]) for r in res["cleaned_rows"][1:]], [("2", "X-1", "2"), ("4", "X-2", "1")])


class ReadingAndRows(unittest.TestCase):
    def test_blank_lines_ragged_rows_and_crlf(self):
        text = ("\ufeff" + HEADER.replace("\n", "\r\n") + good("A1").replace("\n", "\r\n") + "\r\n   \n"
                + "A2,Widget,Toys\r" + good("A3")[:-1] + ",extra,more\n" + ",,,,,,,,\n" + good("A4"))
        res = run(text)
        q = quality(res)
        self.assertEqual((q["rows_read"], q["rows_accepted"], q["rows_rejected"]), ("5", "2", "3"))
        rej = res["rejected_rows"]
        self.assertEqual(rej[0], ["row_number", "rejection_reason"] + HEADER.strip().split(",") + ["extra_fields"])
        self.assertEqual(rej[1], ["2", "malformed_row", "A2", "Widget", "Toys", "", "", "", "", "", "", ""])
        self.assertEqual(rej[2][0:3], ["3", "malformed_row", "A3"])
        self.assertEqual(rej[2][-1], "extra,more")
        self.assertEqual(rej[3][0:2], ["4", "missing_order_id"])
        self.assertEqual([r[0] for r in res["cleaned_rows"][1:]], ["1", "5"])

    def test_delimiter_detection_and_quoted_newlines(self):
        text = ('order_id;product_name;category;quantity;unit_price;discount_percent;region;sale_date\n'
                'A1;"Crème\r\nBrûlée";Bakery;2;"€1,299.00";15 %;Europe;05-03-2024\n'
                'A2;"Odd ""name""\n  here";Bakery;two;3;;Europe;2024/03/05\n')
        res = run(text)
        cleaned = res["cleaned_rows"][1:]
        self.assertEqual(cleaned[0][2], "Crème Brûlée")  # matched through key()
        self.assertEqual(cleaned[0][5:7], ["1299.00", "0.1500"])
        self.assertEqual(cleaned[0][11], "2208.30")  # 2 * 1299 * 0.85
        self.assertEqual(cleaned[1][2], 'Odd "name" here')  # unknown product: whitespace collapsed
        self.assertEqual(quality(res)["unmatched_product"], "1")
        corr = res["corrections"]
        self.assertIn(["product_name", "Crème\nBrûlée", "Crème Brûlée", "1"], corr)
        self.assertEqual(o.detect_delimiter('a|b|"c;d;e"|f'), "|")
        self.assertEqual(o.detect_delimiter("a;b,c"), ",")  # tie: ',' first
        self.assertEqual(o.detect_delimiter("abc"), ",")

    def test_utf16(self):
        text = HEADER + good("A1")
        res = run(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
        self.assertEqual(quality(res)["rows_accepted"], "1")

    def test_map_and_set(self):
        text = "Transaction ID,Item,Qty,Price Per Unit,Location,Transaction Date,order_id\n" \
               "t1,Widget,2,3.5,Europe,2024-01-02,ignored\n"
        res = run(text, maps=[("order_id", "Transaction ID"), ("product_name", "item"), ("quantity", "Qty"),
                              ("unit_price", "Price Per Unit"), ("region", "Location"),
                              ("sale_date", "transaction-date")],
                  sets=[("category", "Kitchen")])
        self.assertEqual(res["cleaned_rows"][1][1:4], ["T1", "Widget", "Home & Kitchen"])
        self.assertEqual(res["corrections"][1:], [["category", "Kitchen", "Home & Kitchen", "1"]])
        with self.assertRaises(o.InputError):
            run("a,b\n1,2\n")


class Output(unittest.TestCase):
    def test_csv_format_and_formula_guard(self):
        rows = [good("=1+2", product="@SUM(A1)", category="-Toys-"), good("-5.00", product="+44 20"),
                good("A3", product="Gadget, \"big\"", email="=x@y.com")]
        res = run(HEADER + "".join(rows))
        data = res["cleaned_rows.bytes"].decode("utf-8")
        self.assertTrue(data.endswith("\r\n"))
        self.assertNotIn("\n", data.replace("\r\n", ""))
        lines = data.split("\r\n")
        self.assertEqual(lines[0], "row_number,order_id,product_name,category,quantity,unit_price,discount_percent,"
                                   "region,sale_date,sale_ts,customer_email,revenue,anomaly_flag")
        self.assertEqual(lines[1], "1,'=1+2,'@SUM(A1),Toys,1,10.00,0.0000,Europe,2024-01-15,1705276800,"
                                   "a@example.com,10.00,")
        self.assertEqual(lines[2].split(",")[1:3], ["-5.00", "'+44 20"])
        self.assertEqual(lines[3], '3,A3,"Gadget, ""big""",Toys,1,10.00,0.0000,Europe,2024-01-15,1705276800,,10.00,')
        # the raw cell in corrections is guarded too; numeric columns never
        self.assertIn(["category", "'-Toys-", "Toys", "1"], res["corrections"])

    def test_quality_report_order(self):
        res = run(HEADER)
        metrics = [r[0] for r in res["quality_report"][1:]]
        self.assertEqual(metrics, ["rows_read", "rows_accepted", "rows_rejected"]
                         + ["rejected." + r for r in o.REASONS]
                         + ["invalid_email", "unmatched_product", "heavy_discount", "corrected.category",
                            "corrected.region", "corrected.product_name", "success_rate"])
        self.assertEqual(quality(res)["success_rate"], "0.0000")
        for name in ["monthly_sales", "top_products", "rejected_rows", "cleaned_rows", "anomaly_records"]:
            self.assertEqual(len(res[name]), 1, name)  # header only

    def test_orderings(self):
        rows = [good("A1", product="Widget", price="5"), good("A2", product="Gadget", price="5"),
                good("A3", product="Gadget", price="5"), good("A4", product="Widget", price="10", qty="1"),
                good("A5", product="Crème Brûlée", price="2", qty="9")]
        res = run(HEADER + "".join(rows))
        # Widget 15.00 / 2 units, Gadget 10.00 / 2 units, Crème Brûlée 18.00 / 9 units
        self.assertEqual([r[1] for r in res["top_products"][1:]], ["Crème Brûlée", "Widget", "Gadget"])
        self.assertEqual([r[1] for r in res["top_products_by_units"][1:]], ["Crème Brûlée", "Gadget", "Widget"])
        # anomaly: 18.00, 10.00, then three 5.00 rows by product name then row number
        self.assertEqual([r[0] for r in res["anomaly_records"][1:]], ["5", "4", "2", "3", "1"])


if __name__ == "__main__":
    unittest.main()
