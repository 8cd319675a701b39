"""Tests of quizgen.study and the study commands (a package, so its conftest is not the top-level one)."""
