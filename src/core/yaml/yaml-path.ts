/** Where a value sits in a YAML document: the keys and list indexes from the root down to it. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];
