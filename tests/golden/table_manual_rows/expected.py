import tensorflow as tf
import tensorflow_probability as tfp


def manual(x, w, labels, logits, params, loss):
    a = tf.nn.relu(x) + tf.nn.softmax(x) + tf.sigmoid(x)
    b = tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")
    c = tf.nn.dropout(x, keep_prob=0.5)
    d = tf.matmul(x, w) + tf.linalg.inv(w)
    e = tf.shape(x)[0] + tf.size(x)
    f = tf.one_hot(labels, 10)
    g = tf.layers.Dense(10)
    h = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    i = tf.keras.optimizers.Adam(1e-3)
    j = tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    k = tfp.bijectors.Softplus()
    m = tf.keras.backend.batch_dot(x, w)
    return a, b, c, d, e, f, g, h, i, j, k, m
