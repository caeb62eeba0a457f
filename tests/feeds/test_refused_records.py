"""Only errors about the record itself settle an article as a dead letter: a producer's state after
a broker restart (fenced, out of sequence, unknown id) must never cost an article."""

import pytest
from kafka import errors

from pipeline.feeds.reader import _refuses_record

RECORD_ERRORS = [errors.MessageSizeTooLargeError, errors.RecordListTooLargeError, errors.InvalidRecordError]


@pytest.mark.parametrize("exc", RECORD_ERRORS)
def test_record_errors_settle_the_article(exc: type[errors.KafkaError]) -> None:
    assert _refuses_record(exc())


@pytest.mark.parametrize(
    "exc",
    [
        errors.OutOfOrderSequenceNumberError,
        errors.UnknownProducerIdError,
        errors.InvalidProducerEpochError,
        errors.ProducerFencedError,
        errors.NotLeaderForPartitionError,
        errors.KafkaTimeoutError,
        errors.TopicAuthorizationFailedError,
    ],
)
def test_other_errors_leave_the_article_to_be_sent_again(exc: type[errors.KafkaError]) -> None:
    assert not _refuses_record(exc())
