/** The NSGA-II sampler and the parts the interop tests drive one by one. */
export { CROSSOVER_NAMES, createCrossover, type Crossover, type CrossoverName, type CrossoverOptions } from './crossovers';
export { geneticRandomFrom, type GeneticRandom } from './geneticRandom';
export { NsgaIISampler, type NsgaIISamplerOptions } from './nsga2Sampler';
export { crossoverChild, selectParents } from './offspring';
export { GENERATION_ATTR, generationOf, ParentPopulations, selectElite, type ParentPopulation } from './population';
