"""The worker's tasks that live on the API side (Huey finds each installed app's `tasks` module): building
snapshot files (hipcontent/api/snapshot.py)."""

from hipcontent.api.snapshot import build_task, refresh_task

__all__ = ["build_task", "refresh_task"]
