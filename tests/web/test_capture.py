"""HTTP tests of the capture form: the notes parser's rules, errors next to the field, nothing stored."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import TestClient

from tests.web.conftest import NOW, backend, form_post

VALID = [
    ("candidate_name", "Sam Jansen"), ("candidate_email", "sam@example.org"),
    ("company", "Acme Logistics"), ("role", "Head of Data"), ("start", "2026-11-27T14:00"), ("end", "15:30"),
    ("timezone", "Europe/Amsterdam"), ("kind", "panel"), ("language", "en"), ("theme", "Real-time visibility"),
    ("contacts-0-key", "p0"), ("contacts-0-name", "Maria de Vries"), ("contacts-0-email", "maria@acme.example"),
    ("contacts-0-role", "hiring-manager"),
    ("contacts-1-key", "p1-x7"), ("contacts-1-name", "Łukasz Nowak"), ("contacts-1-x", "@lukasz"),
    ("needs-0-key", "n0"), ("needs-0-text", "Status lags six hours"), ("needs-0-raised_by", "p0"),
    ("needs-0-raised_by", "p1-x7"),
    ("strengths-0-text", "Moved a pipeline to streaming"), ("strengths-0-answers", "n0"),
    ("moments-0-text", "The Rotterdam outage story"), ("moments-0-with", "p0"),
    ("questions-0-text", "Which metric matters after 90 days?"), ("questions-0-for", "p1-x7"),
]


def _with(changes: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, changes.get(k, v)) for k, v in VALID]


def test_capture_page_renders_the_people_pickers(client: TestClient[Litestar]) -> None:
    r = client.get("/capture")
    assert r.status_code == 200
    for name in ("company", "role", "start", "end", "timezone", "kind", "language", "theme", "next_step",
                 "contacts-0-name", "needs-0-text", "strengths-0-text", "moments-0-text", "questions-0-text"):
        assert f'name="{name}"' in r.text, name
    assert 'data-source="contacts" data-name="needs-0-raised_by"' in r.text
    assert 'id="tpl-contacts"' in r.text


def test_a_valid_capture_is_stored_with_who_raised_what(app: Litestar, client: TestClient[Litestar]) -> None:
    r = form_post(client, "/capture", VALID)
    assert r.status_code == 303
    interview_id = int(r.headers["location"].rsplit("/", 1)[1])
    interview, touchpoints = backend(app).service.get_interview(interview_id)
    assert [c.id for c in interview.contacts] == ["maria", "lukasz"]
    assert interview.needs[0].raised_by == ("maria", "lukasz")
    assert interview.strengths[0].answers == (interview.needs[0].id,)
    assert interview.moments[0].with_ == ("maria",)
    assert interview.questions[0].for_ == ("lukasz",)
    assert interview.start.isoformat() == "2026-11-27T14:00:00+01:00"
    assert interview.end is not None and interview.end.isoformat() == "2026-11-27T15:30:00+01:00"
    assert interview.timezone == "Europe/Amsterdam"
    assert {(tp.contact, tp.channel.value) for tp in touchpoints} == {("maria", "email"), ("lukasz", "x")}


def _rejected(app: Litestar, client: TestClient[Litestar], data: list[tuple[str, str]], field: str,
              message: str) -> str:
    r = form_post(client, "/capture", data)
    assert r.status_code == 422
    assert f'id="e-{field}"' in r.text, r.text[r.text.find('class="error"') - 200:][:600]
    error = r.text.split(f'id="e-{field}"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert "Nothing was saved yet." in r.text
    assert backend(app).service.list_interviews(NOW) == []
    return str(r.text)


def test_bad_email_is_shown_next_to_its_field(app: Litestar, client: TestClient[Litestar]) -> None:
    html = _rejected(app, client, _with({"contacts-0-email": "maria@"}), "contacts-0-email",
                     "is not a valid e-mail address")
    assert 'value="Maria de Vries"' in html  # what was typed stays in the form
    assert 'value="p1-x7" checked' in html  # and so do the ticked people


def test_missing_company_and_name(app: Litestar, client: TestClient[Litestar]) -> None:
    _rejected(app, client, _with({"company": "  "}), "company", "must not be empty")
    _rejected(app, client, _with({"candidate_name": ""}), "candidate_name", "must not be empty")


def test_times_are_validated_like_the_notes(app: Litestar, client: TestClient[Litestar]) -> None:
    _rejected(app, client, _with({"start": "yesterday"}), "start", "expected a date and time")
    _rejected(app, client, _with({"end": "13:00"}), "end", "end 13:00 is not after start 14:00")
    _rejected(app, client, _with({"timezone": "Mars/Olympus"}), "timezone", "unknown time zone")
    _rejected(app, client, _with({"start": "2026-03-29T02:30"}), "start", "does not exist in Europe/Amsterdam")


def test_tampered_choices_and_handles(app: Litestar, client: TestClient[Litestar]) -> None:
    _rejected(app, client, _with({"contacts-0-role": "boss"}), "contacts-0-role", "is not allowed")
    _rejected(app, client, _with({"contacts-1-x": "not a handle!"}), "contacts-1-x", "")
    _rejected(app, client, _with({"language": "fr"}), "language", "expected one of en, nl")
    _rejected(app, client, _with({"company": "Acme\u0007"}), "company", "control character")


def test_unknown_people_keys_are_ignored_not_stored(app: Litestar, client: TestClient[Litestar]) -> None:
    data = [*VALID, ("needs-0-raised_by", "p99"), ("moments-0-with", "<script>")]
    r = form_post(client, "/capture", data)
    assert r.status_code == 303
    interview_id = int(r.headers["location"].rsplit("/", 1)[1])
    interview, _ = backend(app).service.get_interview(interview_id)
    assert interview.needs[0].raised_by == ("maria", "lukasz")
    assert interview.moments[0].with_ == ("maria",)


def test_blank_rows_are_skipped(app: Litestar, client: TestClient[Litestar]) -> None:
    data = [*VALID, ("contacts-7-key", "p7"), ("contacts-7-name", " "), ("contacts-7-role", "recruiter"),
            ("needs-3-key", "n3"), ("needs-3-text", "")]
    r = form_post(client, "/capture", data)
    assert r.status_code == 303
    interview_id = int(r.headers["location"].rsplit("/", 1)[1])
    interview, _ = backend(app).service.get_interview(interview_id)
    assert len(interview.contacts) == 2 and len(interview.needs) == 1


def test_every_problem_is_shown_at_once(app: Litestar, client: TestClient[Litestar]) -> None:
    data = _with({"company": "", "start": "not a date", "contacts-0-email": "maria@", "contacts-0-role": "boss",
                  "contacts-1-x": "two words", "candidate_name": ""})
    r = form_post(client, "/capture", data)
    assert r.status_code == 422
    for field in ("company", "start", "contacts-0-email", "contacts-0-role", "contacts-1-x", "candidate_name"):
        assert f'id="e-{field}"' in r.text, field
    assert 'id="e-role"' not in r.text and 'id="e-contacts-0-name"' not in r.text
    assert backend(app).service.list_interviews(NOW) == []


def test_the_dutch_form_explains_every_problem_in_dutch(app: Litestar, client: TestClient[Litestar]) -> None:
    client.cookies.set("afterword_lang", "nl")
    data = _with({"company": "", "start": "niet een datum", "contacts-0-email": "maria@", "contacts-0-role": "baas",
                  "contacts-1-x": "twee woorden", "candidate_name": ""})
    r = form_post(client, "/capture", data)
    assert r.status_code == 422
    errors = {field: r.text.split(f'id="e-{field}"', 1)[1].split("</p>", 1)[0]
              for field in ("company", "start", "contacts-0-email", "contacts-0-role", "contacts-1-x")}
    assert "mag niet leeg zijn" in errors["company"]
    assert "verwacht een datum en tijd" in errors["start"]
    assert "is geen geldig e-mailadres" in errors["contacts-0-email"]
    assert "is niet toegestaan" in errors["contacts-0-role"]
    assert "is geen X-naam" in errors["contacts-1-x"]
    for english in ("must not be empty", "expected a date", "is not a valid", "is not allowed", "not an X handle"):
        assert english not in r.text
    assert backend(app).service.list_interviews(NOW) == []


def test_dutch_times_and_zones(app: Litestar, client: TestClient[Litestar]) -> None:
    client.cookies.set("afterword_lang", "nl")
    _rejected_nl = [(_with({"end": "13:00"}), "end", "einde 13:00 ligt niet na begin 14:00"),
                    (_with({"end": "kwart over drie"}), "end", "verwacht een tijd zoals 15:30"),
                    (_with({"timezone": "Mars/Olympus"}), "timezone", "onbekende tijdzone `Mars/Olympus`"),
                    (_with({"start": "2026-03-29T02:30"}), "start", "bestaat niet in Europe/Amsterdam")]
    for data, field, message in _rejected_nl:
        r = form_post(client, "/capture", data)
        assert r.status_code == 422
        assert message in r.text.split(f'id="e-{field}"', 1)[1].split("</p>", 1)[0]
    assert backend(app).service.list_interviews(NOW) == []
