"""Unit tests of tmc_runner's value encoding and replies (stdlib unittest; run by
src/methods/python-rule.test.ts as `python3 -m unittest test_tmc_runner` in this folder)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from decimal import Decimal
from fractions import Fraction

import tmc_runner
from tmc_runner import ReturnValueError, encode_number, same_shape


class EncodeNumber(unittest.TestCase):
    def test_floats_go_as_numbers_and_exact_values_as_decimal_strings(self):
        self.assertEqual(encode_number(0.1, 20, "w"), 0.1)
        self.assertEqual(encode_number(-3, 20, "w"), "-3")
        self.assertEqual(encode_number(10**30, 20, "w"), "1" + "0" * 30)
        self.assertEqual(encode_number(Decimal("1.50"), 20, "w"), "1.50")
        self.assertEqual(encode_number(" 0.25", 20, "w"), "0.25")
        self.assertEqual(encode_number(Fraction(1, 3), 20, "w"), "0.33333333333333333333")

    def test_a_fraction_gets_the_digits_asked_for(self):
        self.assertEqual(len(encode_number(Fraction(2, 3), 45, "w")), 2 + 45)

    def test_objects_with_float_are_floats(self):
        class Scalar:  # a numpy or torch scalar, without numpy
            def __float__(self):
                return 0.5

        self.assertEqual(encode_number(Scalar(), 20, "w"), 0.5)

    def test_refused_values_name_the_place(self):
        for bad, why in [
            (True, "is a bool"),
            (float("nan"), "is nan; expected a finite number"),
            (float("-inf"), "is -inf"),
            (Decimal("Infinity"), "is Infinity"),
            ("abc", "is the string 'abc'; expected a decimal string"),
            ("nan", "is 'nan'; expected a finite number"),
            (None, "is a builtins.NoneType"),
            ([1.0], "is a builtins.list"),
        ]:
            with self.subTest(bad=bad), self.assertRaisesRegex(ReturnValueError, "^advantage\\(\\[1\\]\\)\\[0\\] " + why.replace("(", "\\(")):
                encode_number(bad, 20, "advantage([1])[0]")


class SameShape(unittest.TestCase):
    old = [[[0.0, None], [1.0, 2.0]]]

    def test_keeps_the_nones(self):
        self.assertEqual(same_shape([[[1.5, None], (3, 2.0)]], self.old, 20), [[[1.5, None], ["3", 2.0]]])

    def test_refuses_a_changed_support_or_shape(self):
        for new, why in [
            ([[[1.0, 0.0], [1.0, 2.0]]], r"step\(\.\.\.\)\[0\]\[0\]\[1\] is 0.0; expected None"),
            ([[[None, None], [1.0, 2.0]]], r"step\(\.\.\.\)\[0\]\[0\]\[0\] is None; expected a number"),
            ([[[1.0, None]]], r"step\(\.\.\.\)\[0\] has 1 items; expected 2"),
            ({"a": 1}, r"step\(\.\.\.\) is a dict"),
        ]:
            with self.subTest(new=new), self.assertRaisesRegex(ReturnValueError, why):
                same_shape(new, self.old, 20)


class Protocol(unittest.TestCase):
    """The runner as a process: replies in order, errors as data, the process still usable."""

    def run_runner(self, source, requests):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "rule.py")
            with open(path, "w") as f:
                f.write(source)
            lines = "".join(json.dumps(r) + "\n" for r in requests)
            out = subprocess.run([sys.executable, tmc_runner.RUNNER, path], input=lines, capture_output=True, text=True, timeout=30)
        return [json.loads(line) for line in out.stdout.splitlines()], out

    def test_an_exception_is_a_reply_with_the_users_frames_only(self):
        source = "name = 'r'\ngroup = 2\ndef advantage(rewards):\n    return [1 / sum(rewards)] * 2\n"
        requests = [
            {"id": 1, "op": "describe"},
            {"id": 2, "op": "advantage", "rewards": [[1, 0], [0, 0]]},
            {"id": 3, "op": "advantage", "rewards": [[1, 1]]},
            {"id": 4, "op": "shutdown"},
        ]
        replies, out = self.run_runner(source, requests)
        self.assertEqual([r["id"] for r in replies], [1, 2, 3, 4])
        self.assertEqual(replies[0]["result"]["group"], 2)
        error = replies[1]["error"]
        self.assertEqual((error["type"], error["where"]), ("ZeroDivisionError", "advantage([0, 0])"))
        self.assertIn("rule.py", error["traceback"])
        self.assertNotIn("tmc_runner", error["traceback"])
        self.assertEqual(replies[2]["result"], [[0.5, 0.5]])
        self.assertEqual(out.returncode, 0)

    def test_user_prints_go_to_stderr_and_sys_exit_is_an_error(self):
        source = "import sys\nname = 'r'\ngroup = 1\nprint('noise')\ndef advantage(rewards):\n    sys.exit(3)\n"
        replies, out = self.run_runner(source, [{"id": 1, "op": "describe"}, {"id": 2, "op": "advantage", "rewards": [[1]]}])
        self.assertEqual(replies[1]["error"]["type"], "SystemExit")
        self.assertIn("noise", out.stderr)
        self.assertEqual(len(replies), 2)

    def test_describe_refuses_a_bad_group_or_family(self):
        for source, why in [
            ("name = 'r'\ngroup = '8'\ndef advantage(r): return r\n", "group = G (an int), got '8'"),
            ("name = 'r'\ngroup = True\ndef advantage(r): return r\n", "group = G (an int), got True"),
            ("name = 'r'\ngroup = 2\nfamily = 'ppo'\ndef advantage(r): return r\n", "family must be one of"),
            ("group = 2\ndef advantage(r): return r\n", "must define name"),
        ]:
            with self.subTest(why=why):
                replies, _ = self.run_runner(source, [{"id": 1, "op": "describe"}])
                self.assertIn(why, replies[0]["error"]["message"])


if __name__ == "__main__":
    unittest.main()
