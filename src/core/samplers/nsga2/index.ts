/** The NSGA-II sampler and the parts the interop tests drive one by one. */
export { CROSSOVER_NAMES, createCrossover, geneticRandomFrom, type Crossover, type CrossoverName, type CrossoverOptions, type GeneticRandom } from './crossovers';
export { NsgaIISampler, type NsgaIISamplerOptions } from './nsga2Sampler';
export { crossoverChild, selectParents } from './offspring';
export { GENERATION_ATTR, generationOf, ParentPopulations, selectElite, type ParentPopulation } from './population';
