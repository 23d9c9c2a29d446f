"""Django's PostgreSQL backend, with a health check that costs no round trip while the connection is quiet
and the API's prepared statements planned once per connection (base.py). DATABASE_URL's postgres:// URLs use
it (hipcontent/env.py `envdatabase`)."""
