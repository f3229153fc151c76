# -*- coding: utf-8 -*-
"""Losses for the generator and the discriminator."""
from __future__ import absolute_import, division, print_function

import numpy as np
import tensorflow as tf


def discriminator_loss(real_logits, fake_logits):
    """Standard GAN loss; the generator output is a constant here."""
    fake_logits = tf.stop_gradient(fake_logits, name="freeze_generator")
    real = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(real_logits), logits=real_logits)
    fake = tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.zeros_like(fake_logits), logits=fake_logits)
    return tf.reduce_mean(real + fake)


def feature_matching(real_features, fake_features):
    # The real statistics are targets, not something to train.
    target = tf.stop_gradient(tf.reduce_mean(real_features, axis=0))
    return tf.reduce_mean(tf.square(target - tf.reduce_mean(fake_features, axis=0)))


def check_inputs(*tensors):
    for t in tensors:
        if not isinstance(t, (tf.Tensor, np.ndarray)):
            raise TypeError("expected a tensor, got %r" % (t,))
