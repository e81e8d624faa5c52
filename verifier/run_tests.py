"""Runs the verifier's unittest suite and prints a last line "PASSED FAILED" for the test script."""
import sys
import unittest
from pathlib import Path

here = Path(__file__).resolve().parent
suite = unittest.defaultTestLoader.discover(str(here), pattern="test_*.py", top_level_dir=str(here))
result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
skipped = len(result.skipped)
passed = result.testsRun - failed - skipped
# A skipped test is not a passed one: count it as failed so it cannot hide.
print(f"{passed} {failed + skipped}")
sys.exit(0 if failed + skipped == 0 else 1)
