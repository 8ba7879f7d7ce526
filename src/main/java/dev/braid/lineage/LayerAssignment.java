package dev.braid.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The combinatorial half of {@link GraphLayout}: which layer (column) each node sits in and its
 * order within the layer. Cycles are broken by ignoring depth-first back edges, layers come from
 * the longest path from the sources (with sources pulled right next to their first successor),
 * edges that span layers get chains of dummy nodes, and a few barycentre sweeps order each layer.
 * Vertices {@code 0 … real-1} are the real nodes; higher indices are dummies.
 */
final class LayerAssignment {
    private static final int SWEEPS = 8;
    final int real;
    final List<int[]> succ = new ArrayList<>();
    final List<int[]> pred = new ArrayList<>();
    final int[] layerOf;
    final List<List<Integer>> layers = new ArrayList<>();
    /** Per original edge (index in the caller's list): the vertices it passes through, source first. */
    final List<int[]> chains = new ArrayList<>();

    LayerAssignment(int nodes, int[][] edges) {
        this.real = nodes;
        boolean[] reversed = backEdges(nodes, edges);
        int[] layer = longestPath(nodes, edges, reversed);
        List<int[]> links = new ArrayList<>();
        List<Integer> layerList = new ArrayList<>();
        for (int v = 0; v < nodes; v++) {
            layerList.add(layer[v]);
        }
        for (int e = 0; e < edges.length; e++) {
            int from = reversed[e] ? edges[e][1] : edges[e][0];
            int to = reversed[e] ? edges[e][0] : edges[e][1];
            int[] chain = new int[Math.max(2, layer[to] - layer[from] + 1)];
            chain[0] = from;
            for (int i = 1; i < chain.length - 1; i++) {
                chain[i] = layerList.size();
                layerList.add(layer[from] + i);
            }
            chain[chain.length - 1] = to;
            for (int i = 0; i + 1 < chain.length; i++) {
                links.add(new int[] {chain[i], chain[i + 1]});
            }
            chains.add(reversed[e] ? reverse(chain) : chain);
        }
        int total = layerList.size();
        layerOf = layerList.stream().mapToInt(Integer::intValue).toArray();
        adjacency(total, links);
        int depth = Arrays.stream(layerOf).max().orElse(0) + 1;
        for (int i = 0; i < depth; i++) {
            layers.add(new ArrayList<>());
        }
        for (int v = 0; v < total; v++) {
            layers.get(layerOf[v]).add(v);
        }
        order(total);
    }

    private static boolean[] backEdges(int nodes, int[][] edges) {
        List<List<Integer>> out = new ArrayList<>();
        for (int v = 0; v < nodes; v++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.length; e++) {
            out.get(edges[e][0]).add(e);
        }
        boolean[] reversed = new boolean[edges.length];
        int[] state = new int[nodes];
        int[] next = new int[nodes];
        int[] stack = new int[nodes];
        for (int start = 0; start < nodes; start++) {
            if (state[start] != 0) {
                continue;
            }
            int top = 0;
            stack[top++] = start;
            state[start] = 1;
            while (top > 0) {
                int v = stack[top - 1];
                if (next[v] < out.get(v).size()) {
                    int e = out.get(v).get(next[v]++);
                    int w = edges[e][1];
                    if (state[w] == 1) {
                        reversed[e] = true;
                    } else if (state[w] == 0) {
                        state[w] = 1;
                        stack[top++] = w;
                    }
                } else {
                    state[v] = 2;
                    top--;
                }
            }
        }
        return reversed;
    }

    private static int[] longestPath(int nodes, int[][] edges, boolean[] reversed) {
        int[] indegree = new int[nodes];
        List<List<Integer>> out = new ArrayList<>();
        for (int v = 0; v < nodes; v++) {
            out.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.length; e++) {
            int from = reversed[e] ? edges[e][1] : edges[e][0];
            int to = reversed[e] ? edges[e][0] : edges[e][1];
            out.get(from).add(to);
            indegree[to]++;
        }
        int[] incoming = indegree.clone();
        int[] layer = new int[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < nodes; v++) {
            if (indegree[v] == 0) {
                queue[tail++] = v;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int w : out.get(v)) {
                layer[w] = Math.max(layer[w], layer[v] + 1);
                if (--indegree[w] == 0) {
                    queue[tail++] = w;
                }
            }
        }
        // A source (a model, a job) belongs just before its first successor, not in the first column.
        for (int i = tail - 1; i >= 0; i--) {
            int v = queue[i];
            if (incoming[v] == 0 && !out.get(v).isEmpty()) {
                int first = out.get(v).stream().mapToInt(w -> layer[w]).min().orElse(1);
                layer[v] = Math.max(layer[v], first - 1);
            }
        }
        return layer;
    }

    private void adjacency(int total, List<int[]> links) {
        int[] outCount = new int[total];
        int[] inCount = new int[total];
        for (int[] link : links) {
            outCount[link[0]]++;
            inCount[link[1]]++;
        }
        for (int v = 0; v < total; v++) {
            succ.add(new int[outCount[v]]);
            pred.add(new int[inCount[v]]);
        }
        Arrays.fill(outCount, 0);
        Arrays.fill(inCount, 0);
        for (int[] link : links) {
            succ.get(link[0])[outCount[link[0]]++] = link[1];
            pred.get(link[1])[inCount[link[1]]++] = link[0];
        }
    }

    /** Barycentre sweeps, alternately from the left and from the right. */
    private void order(int total) {
        double[] position = new double[total];
        for (List<Integer> layer : layers) {
            for (int i = 0; i < layer.size(); i++) {
                position[layer.get(i)] = i;
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean rightwards = sweep % 2 == 0;
            for (int k = 1; k < layers.size(); k++) {
                List<Integer> layer = layers.get(rightwards ? k : layers.size() - 1 - k);
                List<int[]> neighbours = rightwards ? pred : succ;
                double[] key = new double[total];
                for (int v : layer) {
                    int[] adjacent = neighbours.get(v);
                    double sum = 0;
                    for (int w : adjacent) {
                        sum += position[w];
                    }
                    key[v] = adjacent.length == 0 ? position[v] : sum / adjacent.length;
                }
                layer.sort(Comparator.comparingDouble(v -> key[v]));
                for (int i = 0; i < layer.size(); i++) {
                    position[layer.get(i)] = i;
                }
            }
        }
    }

    private static int[] reverse(int[] chain) {
        int[] copy = new int[chain.length];
        for (int i = 0; i < chain.length; i++) {
            copy[i] = chain[chain.length - 1 - i];
        }
        return copy;
    }
}
