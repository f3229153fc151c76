#!/usr/bin/env python3
"""Writes the two shapes that used to take quadratic time (issue 13):
   lines N PATH  - N lines of a converted call whose arguments move
                   (tf.reshape(tf.stop_gradient(x, name="n"), [-1, 784]));
   line N PATH   - one line holding N converted calls;
   findings N PATH - one line holding N uses left for manual work (every
                   finding used to copy the whole line);
   apis N PATH   - N distinct unknown APIs (report writers used to group
                   them by linear search).
The cost of each must grow linearly with N."""
import sys

shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    f.write("import tensorflow as tf\n")
    if shape == "lines":
        for _ in range(n):
            f.write('y = tf.reshape(tf.stop_gradient(x, name="n"), [-1, 784])\n')
    elif shape == "line":
        f.write("y = [" + ", ".join("tf.reshape(x, [1])" for _ in range(n)) + "]\n")
    elif shape == "findings":
        f.write("x = " + " + ".join("tf.placeholder(tf.float32)"
                                    for _ in range(n)) + "\n")
    elif shape == "apis":
        for i in range(n):
            f.write("x%d = tf.api%d(1)\n" % (i, i))
    else:
        sys.exit("usage: gen_quadratic.py lines|line|findings|apis N PATH")
