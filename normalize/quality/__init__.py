"""Measuring normalize: recall and precision against annotated text.

Three measures, each a pure function returning values (nothing here prints;
`bench/quality.py` is the command that prints them):

- `gold` / `score`: an annotated folder (articles plus a gold JSON file)
  -> per kind: recall, proposals right, findings that match no gold item.
- `corpora.bbc_rate`: findings per 10,000 words on clean, edited news
  (every finding there is a false alarm or a real error to read).
- `mqm.evaluate_mqm`: precision and recall on real machine translation with
  professional error annotations (WMT23 zh-en MQM).

How findings map to kinds is in `taxonomy`.
"""
