export * from "./read";
export * from "./write";
export * from "./summary";
export * from "./validation";
export * from "./formats";
export * from "./limits";
export * from "./container";
export * from "./charts";
