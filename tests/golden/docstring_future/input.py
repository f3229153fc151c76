#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import print_function

X = 1
import tensorflow as tf

Y = tf.stop_gradient(X)
