#!/usr/bin/env python3
"""Writes the two shapes that used to take quadratic time (issue 13):
   lines N PATH  - N lines of a converted call whose arguments move
                   (tf.reshape(tf.stop_gradient(x, name="n"), [-1, 784]));
   line N PATH   - one line holding N converted calls.
The cost of converting either must grow linearly with N."""
import sys

shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("import tensorflow as tf\n")
    if shape == "lines":
        for _ in range(n):
            f.write('y = tf.reshape(tf.stop_gradient(x, name="n"), [-1, 784])\n')
    elif shape == "line":
        f.write("y = [" + ", ".join("tf.reshape(x, [1])" for _ in range(n)) + "]\n")
    else:
        sys.exit("usage: gen_quadratic.py lines|line N PATH")
