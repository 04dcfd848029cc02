"""The two list queries behind `list` and the dashboard (`due`), shaped to use the indexes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select

from afterword.core.model import Language, TouchpointStatus
from afterword.store.convert import zone
from afterword.store.records import InterviewSummary
from afterword.store.repo import Repo
from afterword.store.tables import contacts, interviews, touchpoints

REACHED = (str(TouchpointStatus.SENT), str(TouchpointStatus.REPLIED))


def open_interview_ids(repo: Repo, limit: int | None) -> list[int]:
    """Interviews with something still owed, earliest deadline first (index owner, open, deadline)."""
    query = (select(interviews.c.id)
             .where(interviews.c.owner == repo.owner, interviews.c.open.is_(True))
             .order_by(interviews.c.deadline_utc, interviews.c.id))
    if limit is not None:
        query = query.limit(limit)
    return list(repo.conn.scalars(query))


def summaries(repo: Repo, now: datetime, *, limit: int | None = None, offset: int = 0) -> list[InterviewSummary]:
    """One summary per interview, latest deadline first, with coverage counts.

    The page (limit/offset) is chosen first on the (owner, deadline) index; counts are computed for
    that page only, so the dashboard's first rows stay fast with many thousands of interviews.
    """
    page = (select(interviews.c.id).where(interviews.c.owner == repo.owner)
            .order_by(interviews.c.deadline_utc.desc(), interviews.c.id.desc()).offset(offset))
    if limit is not None:
        page = page.limit(limit)
    paged = limit is not None or offset > 0
    ids = page.cte("page")
    chosen = select(ids.c.id) if paged else select(interviews.c.id).where(interviews.c.owner == repo.owner)
    channels = (case((contacts.c.email.is_not(None), 1), else_=0)
                + case((contacts.c.linkedin.is_not(None), 1), else_=0)
                + case((contacts.c.x.is_not(None), 1), else_=0))
    people = (select(contacts.c.interview_id, func.count().label("n"), func.sum(channels).label("ch"))
              .where(contacts.c.interview_id.in_(chosen))
              .group_by(contacts.c.interview_id).subquery())
    sent = (select(touchpoints.c.interview_id,
                   func.count(func.distinct(touchpoints.c.contact_key)).label("reached"),
                   func.count().label("sent"))
            .where(touchpoints.c.status.in_(REACHED), touchpoints.c.interview_id.in_(chosen))
            .group_by(touchpoints.c.interview_id).subquery())
    query = (
        select(interviews.c.id, interviews.c.company, interviews.c.role, interviews.c.candidate_name,
               interviews.c.start_utc, interviews.c.deadline_utc, interviews.c.language, interviews.c.owed,
               interviews.c.timezone, interviews.c.start_offset,
               func.coalesce(people.c.n, 0).label("n_contacts"), func.coalesce(people.c.ch, 0).label("n_channels"),
               func.coalesce(sent.c.reached, 0).label("n_reached"), func.coalesce(sent.c.sent, 0).label("n_sent"))
        .select_from((interviews.join(ids, ids.c.id == interviews.c.id) if paged else interviews)
                     .outerjoin(people, people.c.interview_id == interviews.c.id)
                     .outerjoin(sent, sent.c.interview_id == interviews.c.id))
        .order_by(interviews.c.deadline_utc.desc(), interviews.c.id.desc())
    )
    if not paged:  # the page is this owner's already; filtering again makes SQLite walk every interview
        query = query.where(interviews.c.owner == repo.owner)
    out = []
    for row in repo.conn.execute(query).mappings():
        tz = zone(row["timezone"], row["start_offset"])
        deadline = row["deadline_utc"].astimezone(tz)
        out.append(InterviewSummary(
            id=row["id"], company=row["company"], role=row["role"], candidate=row["candidate_name"],
            start=row["start_utc"].astimezone(tz), deadline=deadline, remaining=deadline - now,
            language=Language(row["language"]) if row["language"] else Language.EN,
            contacts=int(row["n_contacts"]), contacts_reached=int(row["n_reached"]),
            touchpoints=int(row["n_channels"]), touchpoints_sent=int(row["n_sent"]), owed=int(row["owed"]),
        ))
    return out
