#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import print_function
from mindspore import ops

X = 1

Y = ops.stop_gradient(X)
