#!/usr/bin/env python
from flask.testsuite import main
main()
