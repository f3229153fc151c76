"""Turn label lists into sparse tensors (for CTC-style targets)."""
import numpy as np
import tensorflow as tf
from tensorflow.sparse import SparseTensor


def labels_to_sparse(labels):
    indices = [(i, j) for i, row in enumerate(labels) for j, _ in enumerate(row)]
    values = [v for row in labels for v in row]
    shape = (len(labels), max(len(r) for r in labels))
    return SparseTensor(indices, values, dense_shape=shape)


def empty_sparse(rows, cols):
    return tf.SparseTensor(indices=np.zeros((0, 2), np.int64),
                           values=np.zeros((0,), np.float32),
                           dense_shape=(rows, cols))


def is_sparse(x):
    return isinstance(x, tf.SparseTensor)
