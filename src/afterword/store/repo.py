"""Repository functions on one connection and one owner; they return core models and records.

Every query is scoped to the owner: an id of another owner's interview is simply not found.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, insert, select, update

from afterword.core.model import Channel, Contact, Draft, Interview, TouchpointStatus
from afterword.store import convert
from afterword.store.errors import ConflictError, NotFoundError
from afterword.store.records import StatusChange, Touchpoint
from afterword.store.tables import contacts, interviews, items, touchpoint_events, touchpoints

DONE = tuple(str(s) for s in TouchpointStatus if s.is_done)


class Repo:
    """Reads and writes for one owner inside the caller's transaction."""

    def __init__(self, conn: Connection, owner: str) -> None:
        self.conn = conn
        self.owner = owner

    # -- interviews -------------------------------------------------------------------------

    def find_same(self, interview: Interview) -> int | None:
        """The id of a stored interview with the same company, role, start and candidate."""
        query = select(interviews.c.id).where(
            interviews.c.owner == self.owner, interviews.c.identity == convert.identity(interview)
        )
        return self.conn.scalar(query)

    def insert_interview(self, interview: Interview, at: datetime) -> int:
        values = convert.interview_values(interview)
        new_id = self.conn.scalar(
            insert(interviews)
            .values(owner=self.owner, owed=0, open=True, created_at=at, updated_at=at, **values)
            .returning(interviews.c.id)
        )
        assert isinstance(new_id, int)
        self._insert_children(new_id, interview, interview.contacts)
        self.refresh_owed(new_id)
        return new_id

    def replace_interview(self, interview_id: int, interview: Interview, at: datetime) -> None:
        """Overwrite the stored notes; touchpoints of contacts (and channels) that remain are kept."""
        self._require(interview_id)
        self.conn.execute(
            update(interviews).where(interviews.c.id == interview_id)
            .values(updated_at=at, **convert.interview_values(interview))
        )
        keep = {c.id: c for c in interview.contacts}
        stored = set(self.conn.scalars(select(contacts.c.key).where(contacts.c.interview_id == interview_id)))
        gone = stored - set(keep)
        if gone:
            self.conn.execute(delete(contacts).where(contacts.c.interview_id == interview_id,
                                                     contacts.c.key.in_(gone)))
        for position, contact in enumerate(interview.contacts):
            if contact.id in stored:
                self.conn.execute(
                    update(contacts)
                    .where(contacts.c.interview_id == interview_id, contacts.c.key == contact.id)
                    .values(**convert.contact_values(contact, position))
                )
                lost = [str(ch) for ch in Channel if ch not in contact.channels]
                if lost:
                    self.conn.execute(delete(touchpoints).where(
                        touchpoints.c.interview_id == interview_id, touchpoints.c.contact_key == contact.id,
                        touchpoints.c.channel.in_(lost)))
        self.conn.execute(delete(items).where(items.c.interview_id == interview_id))
        new = [c for c in interview.contacts if c.id not in stored]
        positions = {c.id: i for i, c in enumerate(interview.contacts)}
        self._insert_children(interview_id, interview, new, positions)
        self.refresh_owed(interview_id)

    def _insert_children(self, interview_id: int, interview: Interview, new_contacts: Sequence[Contact],
                         positions: dict[str, int] | None = None) -> None:
        rows = [
            {"interview_id": interview_id,
             **convert.contact_values(c, positions[c.id] if positions else i)}
            for i, c in enumerate(new_contacts)
        ]
        if rows:
            self.conn.execute(insert(contacts), rows)
        item_rows = [{"interview_id": interview_id, **row} for row in convert.item_values(interview)]
        if item_rows:
            self.conn.execute(insert(items), item_rows)

    def delete_interview(self, interview_id: int) -> None:
        self._require(interview_id)
        self.conn.execute(delete(interviews).where(interviews.c.id == interview_id))

    def _row(self, interview_id: int) -> RowMapping:
        row = self.conn.execute(
            select(interviews).where(interviews.c.id == interview_id, interviews.c.owner == self.owner)
        ).mappings().first()
        if row is None:
            raise NotFoundError(f"no interview with id {interview_id}", key="id")
        return row

    def _require(self, interview_id: int) -> None:
        self._row(interview_id)

    def load_interview(self, interview_id: int) -> Interview:
        """The full interview as the notes had it; NotFoundError for an unknown (or foreign) id."""
        row = self._row(interview_id)
        contact_rows = self.conn.execute(
            select(contacts).where(contacts.c.interview_id == interview_id)
        ).mappings().all()
        item_rows = self.conn.execute(select(items).where(items.c.interview_id == interview_id)).mappings().all()
        return convert.to_interview(row, contact_rows, item_rows)

    def load_many(self, ids: Sequence[int], *, with_items: bool = False) -> dict[int, Interview]:
        """Several interviews at once (for the dashboard); items only when asked."""
        if not ids:
            return {}
        rows = self.conn.execute(
            select(interviews).where(interviews.c.id.in_(ids), interviews.c.owner == self.owner)
        ).mappings().all()
        by_interview: dict[int, list[RowMapping]] = {r["id"]: [] for r in rows}
        for c in self.conn.execute(select(contacts).where(contacts.c.interview_id.in_(ids))).mappings():
            by_interview[c["interview_id"]].append(c)
        item_map: dict[int, list[RowMapping]] = {r["id"]: [] for r in rows}
        if with_items:
            for it in self.conn.execute(select(items).where(items.c.interview_id.in_(ids))).mappings():
                item_map[it["interview_id"]].append(it)
        return {r["id"]: convert.to_interview(r, by_interview[r["id"]], item_map[r["id"]]) for r in rows}

    def company_of(self, interview_id: int) -> str | None:
        """The company of this owner's interview `interview_id` (None: no such interview)."""
        return self.conn.scalar(select(interviews.c.company).where(
            interviews.c.id == interview_id, interviews.c.owner == self.owner))

    def other_companies(self, exclude_id: int | None) -> list[str]:
        """The distinct companies of this owner's other interviews, sorted, without interview
        `exclude_id`'s own company (a second round at the same company is not a wrong company)."""
        query = select(interviews.c.company).where(interviews.c.owner == self.owner).distinct()
        own: str | None = None
        if exclude_id is not None:
            own = self.conn.scalar(select(interviews.c.company).where(
                interviews.c.id == exclude_id, interviews.c.owner == self.owner))
        names = sorted(self.conn.scalars(query), key=str.casefold)
        if own is None:
            return names
        mine = " ".join(own.split()).casefold()
        return [n for n in names if " ".join(n.split()).casefold() != mine]

    # -- touchpoints ------------------------------------------------------------------------

    def touchpoints(self, interview_ids: Sequence[int], *, history: bool = True) -> list[Touchpoint]:
        """The touchpoints of these interviews (the caller has checked ownership)."""
        if not interview_ids:
            return []
        rows = self.conn.execute(
            select(touchpoints).where(touchpoints.c.interview_id.in_(interview_ids)).order_by(touchpoints.c.id)
        ).mappings().all()
        events: dict[int, list[StatusChange]] = {}
        if history and rows:
            query = (select(touchpoint_events)
                     .where(touchpoint_events.c.touchpoint_id.in_([r["id"] for r in rows]))
                     .order_by(touchpoint_events.c.id))
            for ev in self.conn.execute(query).mappings():
                events.setdefault(ev["touchpoint_id"], []).append(
                    StatusChange(TouchpointStatus(ev["status"]), ev["at"], ev["version"]))
        return [convert.to_touchpoint(r, events.get(r["id"], ())) for r in rows]

    def statuses(self, interview_ids: Sequence[int]) -> dict[int, dict[tuple[str, Channel], TouchpointStatus]]:
        out: dict[int, dict[tuple[str, Channel], TouchpointStatus]] = {i: {} for i in interview_ids}
        if not interview_ids:
            return out
        query = select(touchpoints.c.interview_id, touchpoints.c.contact_key, touchpoints.c.channel,
                       touchpoints.c.status).where(touchpoints.c.interview_id.in_(interview_ids))
        for iid, key, channel, status in self.conn.execute(query):
            out[iid][(key, Channel(channel))] = TouchpointStatus(status)
        return out

    def touchpoint_row(self, interview_id: int, contact: str, channel: Channel) -> RowMapping | None:
        return self.conn.execute(select(touchpoints).where(
            touchpoints.c.interview_id == interview_id, touchpoints.c.contact_key == contact,
            touchpoints.c.channel == str(channel))).mappings().first()

    def add_touchpoint(self, interview_id: int, draft: Draft, status: TouchpointStatus, at: datetime) -> int:
        """A new touchpoint at version 1 with its first history entry."""
        tp_id = self.conn.scalar(insert(touchpoints).values(
            interview_id=interview_id, contact_key=draft.contact, channel=str(draft.channel),
            status=str(status), language=str(draft.language), subject=draft.subject, body=draft.body,
            version=1, created_at=at, updated_at=at, **{f"{status}_at": at},
        ).returning(touchpoints.c.id))
        assert isinstance(tp_id, int)
        self.conn.execute(insert(touchpoint_events).values(touchpoint_id=tp_id, status=str(status), at=at,
                                                           version=1))
        return tp_id

    def update_touchpoint(self, row: RowMapping, expected_version: int | None, at: datetime,
                          **values: Any) -> int:
        """Compare-and-set on `version`; a stale version raises ConflictError and changes nothing."""
        version = row["version"]
        if expected_version is not None and expected_version != version:
            raise _conflict(row, expected_version)
        new_version = int(version) + 1
        status = values.get("status", row["status"])
        if status != row["status"]:
            values[f"{status}_at"] = at
        result = self.conn.execute(
            update(touchpoints).where(touchpoints.c.id == row["id"], touchpoints.c.version == version)
            .values(version=new_version, updated_at=at, **values)
        )
        if result.rowcount != 1:  # changed between our read and our write (PostgreSQL, READ COMMITTED)
            fresh = self.conn.execute(select(touchpoints).where(touchpoints.c.id == row["id"])).mappings().one()
            raise _conflict(fresh, expected_version if expected_version is not None else version)
        if status != row["status"]:
            self.conn.execute(insert(touchpoint_events).values(
                touchpoint_id=row["id"], status=status, at=at, version=new_version))
        return new_version

    def refresh_owed(self, interview_id: int) -> int:
        """Recount the contact × channel rows still owed and keep `open` in step (the due index)."""
        contact_rows = self.conn.execute(
            select(contacts.c.key, contacts.c.email, contacts.c.linkedin, contacts.c.x)
            .where(contacts.c.interview_id == interview_id)).all()
        done = set(self.conn.scalars(select(touchpoints.c.contact_key).where(
            touchpoints.c.interview_id == interview_id, touchpoints.c.status.in_(DONE))))
        owed = sum(
            sum(1 for address in (email, linkedin, x) if address)
            for key, email, linkedin, x in contact_rows if key not in done
        )
        self.conn.execute(update(interviews).where(interviews.c.id == interview_id)
                          .values(owed=owed, open=owed > 0))
        return owed

    def count(self) -> int:
        return int(self.conn.scalar(select(func.count()).select_from(interviews)
                                    .where(interviews.c.owner == self.owner)) or 0)


def _conflict(row: RowMapping, expected: int) -> ConflictError:
    when = row["updated_at"].isoformat(timespec="seconds")
    return ConflictError(
        f"the {row['channel']} draft for {row['contact_key']} was changed elsewhere (version {row['version']} "
        f"at {when}, you edited version {expected}); reload it and apply your change again",
        current_version=row["version"],
    )

