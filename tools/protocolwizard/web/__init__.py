"""The protocol wizard in the browser (``protocolwizard web``): the terminal wizard's steps, checks and
renderers behind server-rendered Dutch forms. The server stores nothing; see :mod:`.app`."""
