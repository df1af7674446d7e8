"""The content generation: the database's record of how many times public content changed."""

from django.db import models


class ContentGeneration(models.Model):
    """One row: a number raised in the same transaction as every content save.

    It is the source of truth for the content generation (serving/generation.py). Redis holds
    a copy that every request reads; when the copy may have missed a raise (Redis was
    unreachable, restarted or flushed), it is raised back to this number before it is trusted.
    """

    number = models.PositiveBigIntegerField(default=1)

    def __str__(self):
        return str(self.number)
