"""Interview use cases shared by the CLI and the web UI; each method is one transaction.

    service = open_service(url)            # None: the default database, owner "local"
    interview_id = service.import_interview(interview)
    interview, touchpoints = service.get_interview(interview_id)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from afterword.core.model import Channel, Draft, Interview, TouchpointStatus
from afterword.core.text import Text
from afterword.service.reading import owed_rows
from afterword.store import queries
from afterword.store.db import LOCAL_OWNER, Store, open_store
from afterword.store.errors import ConcurrentWriteError, ConflictError, DuplicateError, NotEditableError, NotFoundError
from afterword.store.records import DueRow, InterviewSummary, OutboxEntry, StuckEmail, Touchpoint
from afterword.store.repo import Repo

#: How many "all companies but this one" lists the cache keeps (one per interview's company looked at).
COMPANY_VIEWS = 64

__all__ = ["ConflictError", "DuplicateError", "InterviewService", "NotEditableError", "NotFoundError", "open_service"]


def _clock(at: datetime | None) -> datetime:
    return at if at is not None else datetime.now(UTC)


class InterviewService:
    """The interviews and touchpoints of one owner in one database."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # (data version, all companies, all but one company by its normalised name)
        self._companies: tuple[int | str, tuple[str, ...], dict[str, tuple[str, ...]]] | None = None
        self._companies_lock = threading.Lock()

    @property
    def owner(self) -> str:
        return self.store.owner

    def close(self) -> None:
        """Release the database connections (also those of services made with `for_owner`)."""
        self.store.close()

    def for_owner(self, owner: str) -> InterviewService:
        """The same database as seen by another owner (team mode); shares the connection pool."""
        return InterviewService(self.store.for_owner(owner))

    # -- interviews -------------------------------------------------------------------------

    def import_interview(self, interview: Interview, *, replace: bool = False, at: datetime | None = None) -> int:
        """Store an interview and return its id.

        The same interview (company, role, start, candidate) again raises DuplicateError naming the
        stored id, unless `replace`: then the stored one is overwritten under the same id, keeping the
        touchpoints of contacts (and channels) that are still there.
        """
        return self._store_interview(interview, (), replace=replace, at=at)[0]

    def update_interview(self, interview_id: int, interview: Interview, *, at: datetime | None = None) -> None:
        """Overwrite stored interview `interview_id` with edited notes, keeping the drafts and history of
        the contacts (and channels) still in it. DuplicateError when the edit makes it the same interview
        as another stored one; NotFoundError for an unknown id."""
        now = _clock(at)
        with self.store.write() as repo:
            same = repo.find_same(interview)
            if same is not None and same != interview_id:
                raise _duplicate(same, interview)
            repo.replace_interview(interview_id, interview, now)
            _link_people(repo, interview_id, interview, now)

    def import_with_drafts(self, interview: Interview, *, replace: bool = False,
                           at: datetime | None = None) -> tuple[int, bool, int]:
        """Store an interview and a composed draft for every contact and channel without one, in one
        transaction: either both are stored or nothing is (a full disk never leaves an interview without
        its drafts). Returns the id, whether a stored interview was replaced, and how many drafts were added.
        """
        from afterword.check import subject_is_specific
        from afterword.compose import compose

        drafts = compose(interview, specific=subject_is_specific)  # pure: before the transaction opens
        return self._store_interview(interview, drafts, replace=replace, at=at)

    def _store_interview(self, interview: Interview, drafts: Sequence[Draft], *, replace: bool,
                         at: datetime | None) -> tuple[int, bool, int]:
        """The one storing path of both imports: insert, refuse a duplicate, or replace (with `replace`),
        and add `drafts` where a contact has none yet, all in one transaction."""
        now = _clock(at)
        try:
            with self.store.write() as repo:
                existing = repo.find_same(interview)
                if existing is None:
                    interview_id = repo.insert_interview(interview, now)
                elif not replace:
                    raise _duplicate(existing, interview)
                else:
                    repo.replace_interview(existing, interview, now)
                    interview_id = existing
                _link_people(repo, interview_id, interview, now)
                return interview_id, existing is not None, _add_drafts(repo, interview_id, interview, drafts, now)
        except ConcurrentWriteError:  # a concurrent import of the same interview won the race
            with self.store.read() as repo:
                existing = repo.find_same(interview)
            if existing is None:
                raise
            if replace:
                return self._store_interview(interview, drafts, replace=True, at=at)
            raise _duplicate(existing, interview) from None

    def find_same(self, interview: Interview) -> int | None:
        """The id of a stored interview with the same company, role, start and candidate, if any."""
        with self.store.read() as repo:
            return repo.find_same(interview)

    def get_interview(self, interview_id: int) -> tuple[Interview, tuple[Touchpoint, ...]]:
        """The interview and its touchpoints (with history); NotFoundError for an unknown id."""
        with self.store.read() as repo:
            interview = repo.load_interview(interview_id)
            return interview, tuple(repo.touchpoints([interview_id]))

    def export_notes(self, interview_id: int) -> str:
        """The interview as a notes file (format 1); importing it gives the same interview."""
        from afterword.core.notes import dump_notes

        with self.store.read() as repo:
            return dump_notes(repo.load_interview(interview_id))

    def delete_interview(self, interview_id: int) -> None:
        """Delete an interview with its contacts, touchpoints and history."""
        with self.store.write() as repo:
            repo.delete_interview(interview_id)

    def list_interviews(self, now: datetime, *, limit: int | None = None, offset: int = 0) -> list[InterviewSummary]:
        """Interviews, latest deadline first (newest on top), with time left and coverage ("2/5 sent")."""
        with self.store.read() as repo:
            return queries.summaries(repo, now, limit=limit, offset=offset)

    def iter_interviews(self, now: datetime, *, batch: int = 500) -> Iterator[InterviewSummary]:
        """Every interview in the order of `list_interviews`, read `batch` at a time in one transaction,
        so a caller that writes them out as they come keeps memory flat however many there are."""
        from afterword.service.reading import pages

        with self.store.read() as repo:
            yield from pages(lambda limit, offset: queries.summaries(repo, now, limit=limit, offset=offset), batch)

    def count_interviews(self) -> int:
        with self.store.read() as repo:
            return repo.count()

    def other_companies(self, exclude_id: int | None = None) -> list[str]:
        """This owner's other companies, without interview `exclude_id`'s own (for `wrong-company`)."""
        return list(self.companies(exclude_id))

    def companies(self, exclude_id: int | None = None) -> tuple[str, ...]:
        """As `other_companies`, from a cache kept while the database is unchanged (`Store.data_version`):
        with tens of thousands of interviews, reading them all on every page view and live check is most of
        the work. The same tuple object comes back until the companies change (a key for cached findings)."""
        version = self.store.data_version()
        with self._companies_lock:
            cached = self._companies
        if cached is None or cached[0] != version:
            with self.store.read() as repo:
                names = tuple(repo.other_companies(None))
            # A write elsewhere (a saved draft, or on PostgreSQL any database of the server) that left the
            # companies as they were keeps the same tuple, and with it the findings cached against it.
            cached = (version, *cached[1:]) if cached is not None and cached[1] == names else (version, names, {})
            with self._companies_lock:
                self._companies = cached
        _version, names, without = cached
        if exclude_id is None:
            return names
        with self.store.read() as repo:
            own = repo.company_of(exclude_id)
        if own is None:
            return names
        mine = " ".join(own.split()).casefold()
        with self._companies_lock:
            found = without.get(mine)
        if found is None:
            found = tuple(n for n in names if " ".join(n.split()).casefold() != mine)
            with self._companies_lock:
                if len(without) >= COMPANY_VIEWS:
                    without.clear()
                found = without.setdefault(mine, found)
        return found

    def due(self, now: datetime, limit: int | None = 50) -> list[DueRow]:
        """Everything still owed across all interviews, most urgent (earliest deadline) first.

        A row is a contact on a channel with an address whose contact has not been reached yet
        (nothing sent, replied or skipped on any channel); statuses come from the touchpoints.
        """
        with self.store.read() as repo:
            ids = queries.open_interview_ids(repo, limit)
            loaded = repo.load_many(ids)
            statuses = repo.statuses(ids)
        return owed_rows(ids, loaded, statuses, now, limit, self.outbox_states)

    def stuck_emails(self) -> list[StuckEmail]:
        """Follow-up emails the user must look at, oldest first: the newest message to that contact is
        `unknown` (it may or may not have gone out) or `failed`, and the draft still says scheduled
        (a cancelled or withdrawn one is editable again, so nothing is stuck)."""
        from afterword.store import outbox

        with self.store.errors():
            rows = outbox.list_messages(self.store.engine, ("unknown", "failed"), owner=self.owner, kind="follow-up")
        ids = sorted({r.interview_id for r in rows if r.interview_id is not None})
        if not ids:
            return []
        latest = self.outbox_states(ids)
        with self.store.read() as repo:
            loaded = repo.load_many(ids)
            statuses = repo.statuses(ids)
        found: list[StuckEmail] = []
        for row in rows:
            if row.interview_id is None or row.contact is None or row.interview_id not in loaded:
                continue
            newest = latest.get((row.interview_id, row.contact))
            if newest is None or newest.id != row.id:
                continue  # sent again since
            if statuses[row.interview_id].get((row.contact, Channel.EMAIL)) is not TouchpointStatus.SCHEDULED:
                continue
            interview = loaded[row.interview_id]
            name = next((c.name for c in interview.contacts if c.id == row.contact), row.contact)
            found.append(StuckEmail(row.interview_id, interview.company, row.contact, name, newest))
        return found

    def outbox_states(self, interview_ids: Iterable[int]) -> dict[tuple[int, str], OutboxEntry]:
        """The newest outbox message of each (interview, contact) email follow-up: id, state, last error."""
        from afterword.store import outbox

        with self.store.errors():
            found = outbox.latest_follow_ups(self.store.engine, interview_ids)
        return {key: OutboxEntry(row.id, row.state, row.last_error) for key, row in found.items()}

    # -- touchpoints ------------------------------------------------------------------------

    def ensure_drafts(self, interview_id: int, drafts: Iterable[Draft], *, at: datetime | None = None) -> int:
        """Store composed drafts as `drafted` where no touchpoint exists yet; returns how many were added."""
        now = _clock(at)
        with self.store.write() as repo:
            return _add_drafts(repo, interview_id, repo.load_interview(interview_id), drafts, now)

    def draft_missing(self, interview_id: int, *, at: datetime | None = None,
                      interview: Interview | None = None) -> int:
        """Compose a draft for every contact and channel that has none yet; returns how many were added.

        Pass `interview` when the caller has just loaded or stored it, to skip reading it again."""
        from afterword.check import subject_is_specific
        from afterword.compose import compose

        if interview is None:
            interview, _ = self.get_interview(interview_id)
        return self.ensure_drafts(interview_id, compose(interview, specific=subject_is_specific), at=at)

    def save_draft(self, interview_id: int, contact_id: str, channel: Channel | str, subject: str | None,
                   body: str, expected_version: int, *, at: datetime | None = None) -> int:
        """Save the user's text and return the new version.

        `expected_version` is the version the user started from (0 when there was no touchpoint);
        if someone saved in between, ConflictError is raised and nothing changes. The status
        becomes `edited` (a `scheduled` touchpoint stays scheduled); a sent one cannot be edited.
        """
        channel = Channel(channel)
        now = _clock(at)
        with self.store.write() as repo:
            interview = repo.load_interview(interview_id)
            _require_channel(interview, contact_id, channel)
            subject = subject if channel is Channel.EMAIL else None
            row = repo.touchpoint_row(interview_id, contact_id, channel)
            if row is None:
                if expected_version != 0:
                    raise ConflictError(Text(
                        f"the {channel} draft for {contact_id} no longer exists (you edited version "
                        f"{expected_version}); reload the page",
                        f"het {channel}-concept voor {contact_id} bestaat niet meer (je bewerkte versie "
                        f"{expected_version}); laad de pagina opnieuw"), current_version=0)
                draft = Draft(contact_id, channel, interview.language_of(interview.contact(contact_id)), body, subject)
                repo.add_touchpoint(interview_id, draft, TouchpointStatus.EDITED, now)
                return 1
            current = TouchpointStatus(row["status"])
            if row["version"] == expected_version and current in (TouchpointStatus.SENT, TouchpointStatus.REPLIED):
                raise NotEditableError(Text(
                    f"the {channel} message to {contact_id} was already {current}; it can no longer be edited",
                    f"het {channel}-bericht aan {contact_id} is al {_DUTCH_STATUS.get(current, current)}; "
                    "het kan niet meer worden bewerkt"),
                    key=f"{contact_id}/{channel}")
            if row["version"] == expected_version and row["subject"] == subject and row["body"] == body:
                return int(row["version"])
            status = current if current is TouchpointStatus.SCHEDULED else TouchpointStatus.EDITED
            version = repo.update_touchpoint(row, expected_version, now, subject=subject, body=body,
                                             status=str(status))
            if current.is_done:  # editing a skipped message makes the contact owed again
                repo.refresh_owed(interview_id)
            return version

    def set_status(self, interview_id: int, contact_id: str, channel: Channel | str,
                   status: TouchpointStatus | str, at: datetime | None = None, *,
                   expected_version: int | None = None) -> int:
        """Record a status change (e.g. sent, skipped) at `at`; returns the touchpoint's new version.

        A touchpoint that does not exist yet is created with an empty draft. With
        `expected_version`, a stale version raises ConflictError.
        """
        channel, status = Channel(channel), TouchpointStatus(status)
        now = _clock(at)
        with self.store.write() as repo:
            return record_status(repo, interview_id, contact_id, channel, status, now,
                                 expected_version=expected_version)

    def touchpoint(self, interview_id: int, contact_id: str, channel: Channel | str) -> Touchpoint:
        """One touchpoint with its history; NotFoundError when there is none yet."""
        channel = Channel(channel)
        with self.store.read() as repo:
            repo.load_interview(interview_id)
            for tp in repo.touchpoints([interview_id]):
                if tp.contact == contact_id and tp.channel is channel:
                    return tp
        raise NotFoundError(Text(f"interview {interview_id} has no {channel} touchpoint for {contact_id}",
                                 f"gesprek {interview_id} heeft geen {channel}-contactmoment voor {contact_id}"),
                            key=f"{contact_id}/{channel}")


def record_status(repo: Repo, interview_id: int, contact_id: str, channel: Channel, status: TouchpointStatus,
                  now: datetime, *, expected_version: int | None = None) -> int:
    """`set_status` inside the caller's transaction (a reply and the check-ins it stops are one)."""
    interview = repo.load_interview(interview_id)
    _require_channel(interview, contact_id, channel)
    row = repo.touchpoint_row(interview_id, contact_id, channel)
    if row is None:
        if expected_version not in (None, 0):
            raise ConflictError(Text(
                f"the {channel} draft for {contact_id} no longer exists; reload the page",
                f"het {channel}-concept voor {contact_id} bestaat niet meer; laad de pagina opnieuw"),
                current_version=0)
        language = interview.language_of(interview.contact(contact_id))
        repo.add_touchpoint(interview_id, Draft(contact_id, channel, language, ""), status, now)
        version = 1
    elif row["status"] == str(status) and expected_version in (None, row["version"]):
        return int(row["version"])
    else:
        version = repo.update_touchpoint(row, expected_version, now, status=str(status))
    repo.refresh_owed(interview_id)
    return version


def _link_people(repo: Repo, interview_id: int, interview: Interview, now: datetime) -> None:
    """Each contact is one person across interviews (matched by email or profile, never merged when unsure)."""
    from afterword.service.follow_through import link_people

    link_people(repo.conn, repo.owner, interview_id, interview, now)


def _add_drafts(repo: Repo, interview_id: int, interview: Interview, drafts: Iterable[Draft], now: datetime) -> int:
    added = 0
    for draft in drafts:
        _require_channel(interview, draft.contact, draft.channel)
        if repo.touchpoint_row(interview_id, draft.contact, draft.channel) is None:
            repo.add_touchpoint(interview_id, draft, TouchpointStatus.DRAFTED, now)
            added += 1
    if added:
        repo.refresh_owed(interview_id)
    return added


def _require_channel(interview: Interview, contact_id: str, channel: Channel) -> None:
    try:
        contact = interview.contact(contact_id)
    except KeyError:
        raise NotFoundError(no_contact(contact_id), key="contact") from None
    if channel not in contact.channels:
        raise NotFoundError(Text(f"{contact.name} has no {channel} address in the notes",
                                 f"{contact.name} heeft geen {channel}-adres in de notities"),
                            key=f"{contact_id}/{channel}")


def no_contact(contact_id: str) -> Text:
    """The refusal for a contact id the interview does not have."""
    return Text(f"the interview has no contact `{contact_id}`", f"het gesprek heeft geen contact `{contact_id}`")


_DUTCH_STATUS = {TouchpointStatus.SENT: "verstuurd", TouchpointStatus.REPLIED: "beantwoord"}


def _duplicate(existing: int, interview: Interview) -> DuplicateError:
    what = f"({interview.company}, {interview.role}, {interview.start.isoformat()})"
    return DuplicateError(
        Text(f"this interview {what} is already stored as id {existing}; use --replace to overwrite it",
             f"dit gesprek {what} is al opgeslagen als id {existing}; gebruik --replace om het te overschrijven"),
        existing_id=existing,
    )


def open_service(url: str | None = None, *, owner: str = LOCAL_OWNER) -> InterviewService:
    """Open the database at `url` (None: AFTERWORD_HOME or the user's data directory) for `owner`."""
    return InterviewService(open_store(url, owner=owner))
