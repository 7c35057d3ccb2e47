"""normalize: a translation-quality and text-normalisation checker for news articles."""

__version__ = "0.1.0"
