from collections.abc import Sequence
from typing import Any, overload

from django.db import models

class HistoryManager(models.Manager[Any]):
    """The historical rows of one model (`Model.history`) or of one object (`obj.history`)."""

    instance: models.Model | None

class HistoricalRecords:
    def __init__(
        self,
        verbose_name: str | None = None,
        verbose_name_plural: str | None = None,
        *,
        excluded_fields: Sequence[str] | None = None,
        m2m_fields: Sequence[str | models.ManyToManyField[Any, Any]] = (),
        cascade_delete_history: bool = False,
        inherit: bool = False,
        **kwargs: Any,
    ) -> None: ...
    def get_history_user(self, instance: models.Model) -> Any: ...
    # `contribute_to_class` swaps this for a descriptor that returns a HistoryManager.
    @overload
    def __get__(self, instance: None, owner: type[models.Model]) -> HistoryManager: ...
    @overload
    def __get__(self, instance: models.Model, owner: type[models.Model]) -> HistoryManager: ...
