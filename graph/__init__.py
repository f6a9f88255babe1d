"""Adaptation Atlas: book-vs-movie reviews into a knowledge graph.

The modules follow the data flow: read -> extract -> resolve -> rdf -> store
-> queries / network -> cli and webapp.
"""
__version__ = "0.1.0"
