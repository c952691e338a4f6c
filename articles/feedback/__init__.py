"""Readers' feedback on articles: the form at each article's foot, its spam defences, the summary for reviews."""
