"""The content admins are registered by the staff app (staff/admin.py), which sits above this one.

The content app must not import the staff app (docs/layers.md), and the admins need the staff
app's locking, review and restore mixins, so they live there. This module is where Django and a
newcomer look first; it registers nothing.
"""
