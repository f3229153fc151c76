"""A small TensorFlow 1.15 GAN on MNIST, used as the tfms-rewrite example."""
