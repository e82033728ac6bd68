"""Training recipe for pantau's statistical Indonesian NER (PERSON / ORG / LOC).

The trained pipeline lives in ``models/ner/model``; ``python -m models.ner.train`` rebuilds it
from the IndoNLU NER data (NERGrit + NERP), which is read from outside the repository.
"""
