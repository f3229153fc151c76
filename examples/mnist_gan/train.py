#!/usr/bin/env python
"""Train the GAN with explicit gradients (TF 1.x graph mode)."""
import argparse

import tensorflow.compat.v1 as tf

from mnist_gan import losses

tf.disable_v2_behavior()


def build_graph(batch_size, noise_dim):
    noise = tf.placeholder(tf.float32, [batch_size, noise_dim], name="noise")
    images = tf.placeholder(tf.float32, [batch_size, 784], name="images")
    with tf.variable_scope("generator"):
        fake = tf.layers.dense(noise, 784, activation=tf.nn.tanh)
    with tf.variable_scope("discriminator"):
        real_logits = tf.layers.dense(images, 1)
    with tf.variable_scope("discriminator", reuse=True):
        fake_logits = tf.layers.dense(fake, 1)
    d_loss = losses.discriminator_loss(real_logits, fake_logits)
    d_vars = tf.trainable_variables("discriminator")
    grads = tf.gradients(d_loss, d_vars)
    return noise, images, d_loss, grads


def as_tensor(x) -> tf.Tensor:
    if isinstance(x, tf.Tensor):
        return x
    return tf.convert_to_tensor(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    noise, images, d_loss, grads = build_graph(args.batch_size, 100)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print("graph has %d gradient tensors" % len(grads))


if __name__ == "__main__":
    main()
