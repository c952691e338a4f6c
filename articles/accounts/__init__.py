"""Staff accounts: who may sign in to the admin, how, and for how long.

- ``throttling``: django-axes counts failed sign-ins per account and per address and refuses
  further tries for a while; the client address is read from a proxy only when configured.
- ``two_factor``: django-otp codes (authenticator app, recovery codes) after the password;
  required for Publishers and superusers when ``REQUIRE_2FA`` is on.
- ``sessions``: staff sessions end after a spell of inactivity and after a fixed lifetime.
- ``site`` / ``views``: the admin site that wires these steps into its sign-in and pages.
"""
