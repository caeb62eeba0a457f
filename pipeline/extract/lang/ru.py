"""Russian: English's attribution rules with these words."""

from __future__ import annotations

# verbs of saying in the forms news uses, past (both genders, plural) and present
SHARED_CUES = frozenset(
    "сказал сказала сказали говорит говорил говорила заявил заявила заявили отметил отметила отметили "
    "подчеркнул подчеркнула добавил добавила сообщил сообщила сообщили пояснил пояснила считает уверен "
    "уверена признал признала напомнил напомнила ответил ответила предупредил предупредила написал "
    "написала рассказал рассказала заметил заметила".split()
)
# nouns that refer back to an organisation named before (lexicon.BODY_NOUNS)
BODY_NOUNS = frozenset("компания компании ведомство министерство правительство партия банк".split())
# thoughts and beliefs, not words said (lexicon.STANCE_CUES)
STANCE_CUES = frozenset("считает считал считала думает думал думала надеется надеялся надеялась".split())
# interviews (pipeline/extract/interview.py)
QUESTION_LABELS = frozenset({"вопрос", "в"})
ANSWER_LABELS = frozenset({"ответ", "о"})
SECOND_PERSON = frozenset("вы Вы вас Вас вам Вам ваш Ваш ты Ты".split())
INTERVIEWER_CREDIT = r"беседовала?|интервью взяла?"
FIRST_PERSON = frozenset("я Я мне Мне меня Меня мы Мы нас Нас нам Нам мой Мой наш Наш".split())
