package dev.ballast.node;
