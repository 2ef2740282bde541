"""A person's own account: signing in with a second factor, recovery codes, the password, the
locked-out page and sessions that end when left idle."""
