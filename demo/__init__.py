"""The demo council (`manage.py load_demo`, run by `make run`): its people, a procurement case at
every stage, its register, WAIRAs and workers' rights requests, all built through the real
services and gates.

It is the top of the dependency graph: the only app that imports every other, and no app
imports it.
"""
